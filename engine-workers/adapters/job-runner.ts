import type { Logger } from 'pino';
import type { JOB_ACTION_ACKNOWLEDGEMENT, ZeebeJob } from 'zeebe-node';
import type { JobDefinition, JobInfo } from '../job-definition.js';
import { retry, type JobVariables, type Outcome } from '../outcome.js';
import type { JobStore } from '../ports/job-store.js';

export interface JobRunnerDeps {
  store: JobStore;
  clock: { now(): Date };
  log: Logger;
  /** Back-off of the first retry after an unexpected exception; it doubles with each retry used. */
  retryBackoffMs: number;
  /** Retries a job starts with in the diagram (Zeebe's default 3), to tell how many were used. */
  defaultRetries?: number;
}

type Acknowledgement = typeof JOB_ACTION_ACKNOWLEDGEMENT;

/** The job as the job files see it. */
export function jobInfo(job: Pick<ZeebeJob, 'key' | 'type' | 'processInstanceKey' | 'bpmnProcessId' | 'elementId' | 'retries'>): JobInfo {
  return { key: job.key, type: job.type, processInstanceKey: job.processInstanceKey, bpmnProcessId: job.bpmnProcessId, elementId: job.elementId, retries: job.retries };
}

/**
 * Runs one activated job: recorded result → parseVariables → decide → perform (in one transaction with the recorded
 * result) → the outcome reported to the engine. Any exception on the way is a retry with back-off (STYLE §7.3).
 */
export async function runJob(job: ZeebeJob, definition: JobDefinition, deps: JobRunnerDeps): Promise<Acknowledgement> {
  const info = jobInfo(job);
  const log = deps.log.child({ jobKey: job.key, jobType: job.type, processInstanceKey: job.processInstanceKey, elementId: job.elementId });
  let outcome: Outcome;
  try {
    outcome = await outcomeOf(definition, info, job.variables as JobVariables, deps, job.customHeaders as Record<string, string>);
  } catch (error) {
    const backoffMs = retryBackoff(job.retries, deps);
    log.warn({ err: error, backoffMs }, 'job failed unexpectedly; retrying');
    outcome = retry(`Expected to run job '${job.key}' of type '${job.type}', but it failed: ${(error as Error).message}`, backoffMs);
  }
  return report(job, outcome, log);
}

/** Everything but the report to the engine (tests call it without a zeebe-node job). */
export async function outcomeOf(
  definition: JobDefinition,
  job: JobInfo,
  variables: JobVariables,
  deps: Pick<JobRunnerDeps, 'store' | 'clock'>,
  headers: Readonly<Record<string, string>> = {},
): Promise<Outcome> {
  // a redelivered job is answered from its recorded result, even if its variables have changed since
  const recorded = await deps.store.findResult(job.key);
  if (recorded) return recorded;
  const parsed = definition.parseVariables(variables, headers);
  if (!parsed.ok) return parsed.outcome;
  const decision = definition.decide(parsed.input, deps.clock.now());
  if (decision.kind === 'retry' || decision.kind === 'incident') return decision;
  return deps.store.run(job, (ports) => (decision.kind === 'proceed' ? definition.perform(parsed.input, decision.plan, ports, job) : Promise.resolve(decision)));
}

/** Exponential: retryBackoffMs after the first failure, twice that after the second, … capped at 10 minutes. */
export function retryBackoff(retriesLeft: number, deps: Pick<JobRunnerDeps, 'retryBackoffMs' | 'defaultRetries'>): number {
  const used = Math.max(0, (deps.defaultRetries ?? 3) - retriesLeft);
  return Math.min(deps.retryBackoffMs * 2 ** used, 600_000);
}

/** The one place where an Outcome becomes a zeebe-node call. */
async function report(job: ZeebeJob, outcome: Outcome, log: Logger): Promise<Acknowledgement> {
  try {
    switch (outcome.kind) {
      case 'complete': {
        const ack = await job.complete(outcome.variables as never);
        log.info('job completed');
        return ack;
      }
      case 'bpmn-error': {
        const ack = await job.error({ errorCode: outcome.code, errorMessage: outcome.message, variables: outcome.variables as never });
        log.info({ errorCode: outcome.code }, 'job ended with a BPMN error');
        return ack;
      }
      case 'retry': {
        const ack = await job.fail({ errorMessage: outcome.message, retries: Math.max(0, job.retries - 1), retryBackOff: outcome.backoffMs });
        log.warn({ retriesLeft: Math.max(0, job.retries - 1), backoffMs: outcome.backoffMs, reason: outcome.message }, 'job failed; the engine will offer it again');
        return ack;
      }
      case 'incident': {
        const ack = await job.fail({ errorMessage: outcome.message, retries: 0 });
        log.warn({ reason: outcome.message }, 'job raised an incident');
        return ack;
      }
    }
  } catch (error) {
    // the engine did not take the report (connection lost, job timed out or cancelled): the job will be offered
    // again after its time-out, and its recorded result then answers it
    log.warn({ err: error, outcome: outcome.kind }, 'could not report the job outcome to the engine');
    return 'JOB_ACTION_ACKNOWLEDGEMENT';
  }
}
