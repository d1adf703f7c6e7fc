/** What every handler gets. Handlers only translate: request → command → result or rejection → response. */
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config.js';
import type { EngineCommands } from '../engine-commands.js';
import type { EventCommands } from '../event-commands.js';
import type { MessageCommands } from '../message-commands.js';
import type { SignalCommands } from '../signal-commands.js';
import type { LongPolls } from './long-polls.js';
import type { Waiters } from './waiters.js';

export interface GatewayDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  config: Readonly<EngineConfig>;
  commands: EngineCommands;
  /** Timers, outbox delivery, and the commands built on them (messages, signals). */
  events: EventCommands;
  /** BroadcastSignal (and the broadcasts of signal throw events). */
  signals: SignalCommands;
  /** PublishMessage and message correlation. */
  messages: MessageCommands;
  jobWaiters: Waiters;
  /** Parked long polls that command batches can push new jobs to. */
  longPolls: LongPolls;
  resultWaiters: Waiters;
  /** Host and port reported by Topology. */
  address(): { host: string; port: number };
  inFlight: { count: number };
}
