import type { Logger } from 'pino';
import { Duration, ZBClient, type ZBWorker } from 'zeebe-node';
import type { JobDefinition } from '../job-definition.js';
import type { MessagePublisher } from '../ports/message-publisher.js';
import { runJob, type JobRunnerDeps } from './job-runner.js';

export interface ZeebeWorkersOptions {
  address: string;
  tls: boolean;
  registry: ReadonlyMap<string, JobDefinition>;
  /** The runner, or how to make it with the client's message publisher (for publish-message's job store). */
  runner: JobRunnerDeps | ((messages: MessagePublisher) => JobRunnerDeps);
  maxJobsPerType: number;
  jobTimeoutMs: number;
  longPollMs: number;
  log: Logger;
}

export interface ZeebeWorkers {
  readonly types: readonly string[];
  /** Stops asking for jobs, lets running jobs finish (up to `timeoutMs`) and closes the connection. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The workers' one module over zeebe-node (STYLE §7.9: a later switch of client touches few files): one ZBClient, one
 * zeebe-node worker per job type, each job handed to the job runner.
 */
export function startZeebeWorkers(options: ZeebeWorkersOptions): ZeebeWorkers {
  // zeebe-node reports a connection error while the channel first connects; only losing a ready connection is news
  let ready = false;
  const client = new ZBClient(options.address, {
    useTLS: options.tls,
    loglevel: 'NONE',
    longPoll: Duration.milliseconds.of(options.longPollMs),
    onConnectionError: () => {
      if (ready) options.log.warn({ zeebeAddress: options.address }, 'workers lost the connection to the gateway');
      else options.log.debug({ zeebeAddress: options.address }, 'workers connecting to the gateway');
      ready = false;
    },
    onReady: () => {
      ready = true;
      options.log.debug({ zeebeAddress: options.address }, 'workers connected to the gateway');
    },
  } as never);
  const runner = typeof options.runner === 'function' ? options.runner(zeebeMessagePublisher(client)) : options.runner;
  const workers: Array<ZBWorker<never, never, never>> = [...options.registry.values()].map(
    (definition) =>
      client.createWorker({
        taskType: definition.type,
        maxJobsToActivate: options.maxJobsPerType,
        timeout: Duration.milliseconds.of(options.jobTimeoutMs),
        longPoll: Duration.milliseconds.of(options.longPollMs),
        loglevel: 'NONE',
        taskHandler: (job: never) => runJob(job, definition, runner),
      } as never) as ZBWorker<never, never, never>,
  );
  const types = Object.freeze([...options.registry.keys()]);
  let stopped: Promise<void> | undefined;
  return {
    types,
    stop(timeoutMs = 5_000) {
      stopped ??= (async () => {
        await Promise.all(workers.map((worker) => worker.close(timeoutMs).catch((error: unknown) => options.log.warn({ err: error }, 'closing a worker failed'))));
        await client.close(timeoutMs).catch((error: unknown) => options.log.warn({ err: error }, 'closing the gateway client failed'));
      })();
      return stopped;
    },
  };
}

/** gRPC ALREADY_EXISTS: a message with this id is still buffered (Zeebe's PublishMessage idempotence). */
const ALREADY_EXISTS = 6;

/** PublishMessage through the workers' client; a message whose id is still buffered counts as published. */
export function zeebeMessagePublisher(client: Pick<ZBClient, 'publishMessage'>): MessagePublisher {
  return {
    async publish(message) {
      try {
        const response = await client.publishMessage({
          name: message.name,
          correlationKey: message.correlationKey,
          variables: message.variables as never,
          messageId: message.messageId,
          timeToLive: message.timeToLiveMs,
        });
        return { key: String(response.key), duplicate: false };
      } catch (error) {
        if ((error as { code?: unknown }).code === ALREADY_EXISTS) return { key: null, duplicate: true };
        throw error;
      }
    },
  };
}
