/**
 * ActivateJobs with long polling as Zeebe does it: jobs found → sent and the call completes; none → the call is
 * parked until a job of its type becomes activatable (woken locally or by NOTIFY from another node) or until
 * requestTimeout passes (then it completes OK with no message). The waiter is registered before the first look,
 * so a job created in between is never missed; a cancelled call is never handed jobs. While parked (waiting, no
 * claim of its own in flight) the call can also be taken by a command batch, which activates the jobs it creates
 * for it in the same transaction (job push, see long-polls.ts); it is answered once that batch commits.
 */
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { activateJobs as claim, yieldJobs, type ActivatedJob } from '../../state/pg/job-activation.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { intOf } from '../request-values.js';

interface Request {
  type: string;
  worker: string;
  timeout: string | number;
  maxJobsToActivate: number;
  fetchVariable?: string[];
  requestTimeout: string | number;
  tenantIds?: string[];
}

const MAX_MESSAGE_CHARS = 3 * 1024 * 1024;

export function activateJobs(deps: GatewayDeps) {
  return (call: ServerWritableStream<Request, unknown>): void => {
    const request = call.request;
    const problem = validate(request);
    if (problem) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: problem });
      return;
    }
    const requestTimeout = intOf(request.requestTimeout);
    const waitMs = requestTimeout === 0 ? deps.config.longPollDefaultMs : requestTimeout;
    let done = false;
    let attempting = false;
    let again = false;
    let timer: NodeJS.Timeout | null = null;
    let removeWaiter: () => void = () => undefined;
    /** Taken by a command batch: no claim of its own until the batch settles it. */
    let reserved = false;
    /** The long poll timed out while reserved: it ends when settled without jobs. */
    let expired = false;
    let unpark: () => void = () => undefined;

    const park = () => {
      if (done || reserved || requestTimeout < 0) return;
      unpark();
      unpark = deps.longPolls.park(request.type, {
        worker: request.worker,
        timeoutMs: intOf(request.timeout),
        maxJobs: request.maxJobsToActivate,
        fetchVariables: request.fetchVariable ?? [],
        taken: () => {
          reserved = true;
          unpark = () => undefined;
        },
        settle: (jobs) => {
          reserved = false;
          if (jobs.length > 0) void deliver(jobs);
          else if (expired) finish();
          else void attempt();
        },
      });
      // a parked poll is taken (removed) by a batch; until it is settled, it is reserved
      const remove = unpark;
      unpark = () => {
        remove();
        unpark = () => undefined;
      };
    };

    const finish = () => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      removeWaiter();
      unpark();
      if (!call.cancelled) call.end();
    };
    call.on('cancelled', () => {
      done = true;
      if (timer) clearTimeout(timer);
      removeWaiter();
      unpark();
    });

    const attempt = async (): Promise<void> => {
      if (done || reserved) return;
      if (attempting) {
        again = true;
        return;
      }
      attempting = true;
      unpark();
      try {
        do {
          again = false;
          const jobs = await claim(
            deps.db,
            { type: request.type, worker: request.worker, timeout: intOf(request.timeout), maxJobs: request.maxJobsToActivate, fetchVariables: request.fetchVariable ?? [], now: deps.clock.now() },
          );
          if (jobs.length > 0) return deliver(jobs);
        } while (again && !done);
        if (requestTimeout < 0) finish();
        else park();
      } catch (error) {
        deps.log.error({ err: error, jobType: request.type }, 'job activation failed');
        if (!done) {
          done = true;
          if (timer) clearTimeout(timer);
          removeWaiter();
          call.emit('error', { code: status.INTERNAL, details: `Expected to activate jobs of type '${request.type}', but an internal error occurred: ${(error as Error).message}` });
        }
      } finally {
        attempting = false;
      }
    };

    const deliver = async (jobs: ActivatedJob[]): Promise<void> => {
      if (done || call.cancelled) {
        await yieldJobs(deps.db, jobs.map((j) => j.job), deps.clock.now()).then((types) => types.forEach((t) => deps.jobWaiters.wake(t)));
        return;
      }
      for (const { job } of jobs) deps.commands.rememberJob(job.key, job.processInstanceKey);
      for (const batch of batches(jobs.map(toActivatedJob))) call.write({ jobs: batch });
      finish();
    };

    if (requestTimeout >= 0) {
      removeWaiter = deps.jobWaiters.add(request.type, () => void attempt());
      timer = setTimeout(() => {
        if (reserved) expired = true;
        else finish();
      }, waitMs);
    }
    void attempt();
  };
}

function validate(r: Request): string | null {
  if (!r.type || r.type.trim() === '') return 'Expected to activate jobs with a non-empty type, but it was blank';
  if (!r.worker || r.worker.trim() === '') return `Expected to activate jobs of type '${r.type}' with a non-empty worker name, but it was blank`;
  if (intOf(r.timeout) < 1) return `Expected to activate jobs of type '${r.type}' with a timeout of at least 1 ms, but it was ${intOf(r.timeout)}`;
  if (intOf(r.maxJobsToActivate) < 1) return `Expected to activate at least 1 job of type '${r.type}', but maxJobsToActivate was ${intOf(r.maxJobsToActivate)}`;
  return null;
}

function toActivatedJob({ job, variables }: ActivatedJob) {
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: JSON.stringify(job.customHeaders ?? {}),
    worker: job.worker ?? '',
    retries: job.retries,
    deadline: String(job.deadline ?? 0),
    variables: JSON.stringify(variables),
    tenantId: '<default>',
  };
}

function* batches<T extends { variables: string; customHeaders: string }>(jobs: T[]): Generator<T[]> {
  let batch: T[] = [];
  let size = 0;
  for (const job of jobs) {
    const jobSize = job.variables.length + job.customHeaders.length + 512;
    if (batch.length > 0 && size + jobSize > MAX_MESSAGE_CHARS) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(job);
    size += jobSize;
  }
  if (batch.length > 0) yield batch;
}
