/**
 * createEngine({ db, clock, log, config }): the embedded Zeebe-gateway-compatible engine. `start()` binds the gRPC
 * gateway (port 0 picks a free one), listens for NOTIFY from other engine nodes and starts the scheduler.
 */
import type { Server } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Server as HttpServer } from 'node:http';
import type { Clock, ControlledClock } from './clock.js';
import { createManagementServer } from './management/management-server.js';
import { defaultEngineConfig, type EngineConfig } from './config.js';
import { CallActivityCommands } from './call-activity-commands.js';
import { EngineCommands } from './engine-commands.js';
import { EventCommands } from './event-commands.js';
import { MessageCommands } from './message-commands.js';
import { SignalCommands } from './signal-commands.js';
import type { GatewayDeps } from './gateway/gateway-deps.js';
import { bindServer, createGatewayServer } from './gateway/server.js';
import { LongPolls } from './gateway/long-polls.js';
import { Waiters } from './gateway/waiters.js';
import { Scheduler } from './scheduler/scheduler.js';
import { Notifications } from './state/pg/notifications.js';

export interface EngineDeps {
  db: Db;
  /** A ControlledClock together with config.clockControlled turns on the clock actuator of the management port. */
  clock: Clock | ControlledClock;
  log: Logger;
  config?: Partial<EngineConfig>;
}

export interface Engine {
  /** managementPort is null when the management port is off. */
  start(): Promise<{ grpcPort: number; managementPort: number | null }>;
  stop(): Promise<void>;
  /** Runs the scheduler's sweeps now (tests that move the clock). */
  sweep(): Promise<void>;
}

export function createEngine({ db, clock, log, config: overrides }: EngineDeps): Engine {
  const config: Readonly<EngineConfig> = Object.freeze({ ...defaultEngineConfig, ...overrides });
  const jobWaiters = new Waiters();
  const longPolls = new LongPolls();
  const resultWaiters = new Waiters();
  let boundPort = config.grpcPort;
  // the scheduler and the commands call each other (due timers become commands; commands schedule timers)
  let events: EventCommands | null = null;
  let messages: MessageCommands | null = null;
  const scheduler = new Scheduler({
    db,
    clock,
    log,
    pollMs: config.schedulerPollMs,
    jobsActivatable: (types) => types.forEach((t) => jobWaiters.wake(t)),
    fireDueTimers: () => events!.fireDueTimers(),
    deliverPendingOutbox: () => events!.deliverPending(),
    sweepMessages: () => messages!.sweep(),
  });
  const commands = new EngineCommands(
    db,
    clock,
    log,
    {
      jobsActivatable: (types) => types.forEach((t) => jobWaiters.wake(t)),
      backoffScheduled: (at) => scheduler.wakeAt(at),
      timerScheduled: (at) => scheduler.wakeAt(at),
      outboxWritten: (items) => void events!.deliver(items),
      takeParkedPoll: (type) => longPolls.take(type),
      committed: (state) => messages?.committed(state),
    },
    config.maxResourceBytes,
  );
  events = new EventCommands(db, commands, clock, log);
  // registers the delivery of its outbox items (signal triggers, starts, thrown broadcasts) before anything is swept
  const signals = new SignalCommands(db, commands, events, clock, log);
  messages = new MessageCommands(db, commands, events, clock, log);
  // the same for call activities (child start, cancellation, completion and error reports)
  new CallActivityCommands(db, commands, events, clock, log);
  const notifications = new Notifications(
    db,
    {
      onJobsActivatable: (type) => jobWaiters.wake(type),
      onInstanceResult: (key) => resultWaiters.wake(key),
      onResync: () => {
        jobWaiters.wakeAll();
        resultWaiters.wakeAll();
      },
    },
    log,
  );
  const deps: GatewayDeps = {
    db,
    clock,
    log,
    config,
    commands,
    events,
    signals,
    messages,
    jobWaiters,
    longPolls,
    resultWaiters,
    address: () => ({ host: config.grpcHost === '0.0.0.0' ? '127.0.0.1' : config.grpcHost, port: boundPort }),
    inFlight: { count: 0 },
  };
  let server: Server | null = null;
  let management: HttpServer | null = null;

  return {
    async start() {
      await notifications.start();
      server = createGatewayServer(deps);
      boundPort = await bindServer(server, config.grpcHost, config.grpcPort);
      scheduler.start();
      log.info({ grpcAddress: `${deps.address().host}:${boundPort}` }, 'engine gRPC gateway listening');
      let managementPort: number | null = null;
      if (config.managementPort >= 0) {
        const controlledClock = config.clockControlled && isControlled(clock) ? clock : null;
        management = createManagementServer({ clock, controlledClock, onClockMoved: () => void scheduler.sweep(), log });
        managementPort = await new Promise<number>((resolve, reject) => {
          management!.once('error', reject);
          management!.listen(config.managementPort, config.grpcHost, () => {
            const address = management!.address();
            resolve(typeof address === 'object' && address ? address.port : config.managementPort);
          });
        });
        log.info({ managementPort, clockControlled: controlledClock !== null }, 'engine management port listening');
      }
      return { grpcPort: boundPort, managementPort };
    },
    async stop() {
      await scheduler.stop();
      if (management) {
        const m = management;
        management = null;
        m.closeAllConnections();
        await new Promise<void>((resolve) => m.close(() => resolve()));
      }
      if (server) {
        const s = server;
        server = null;
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => {
            s.forceShutdown();
            resolve();
          }, 2000);
          s.tryShutdown(() => {
            clearTimeout(force);
            resolve();
          });
        });
      }
      await notifications.stop();
    },
    sweep: () => scheduler.sweep(),
  };
}

function isControlled(clock: Clock | ControlledClock): clock is ControlledClock {
  return typeof (clock as ControlledClock).pin === 'function' && typeof (clock as ControlledClock).add === 'function';
}

export type { EngineConfig } from './config.js';
export { systemClock, createControlledClock, type Clock, type ControlledClock } from './clock.js';
export { loadEngineConfig } from './config.js';
