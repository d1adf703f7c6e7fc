/** The rejection every job command shares: the job must exist and be in one of the accepted states. */
import { reject, type Result, ok } from '../../errors.js';
import type { ReadonlyInstanceState } from '../../state/instance-state.js';
import type { Job, JobState } from '../../state/types.js';

export function requireJob(state: ReadonlyInstanceState, jobKey: string, action: string, accepted: readonly JobState[]): Result<Readonly<Job>> {
  const job = state.job(jobKey);
  if (!job) return reject('NOT_FOUND', `Expected to ${action} job with key '${jobKey}', but no such job was found (it may be completed, cancelled, or its element terminated)`);
  if (!accepted.includes(job.state)) return reject('INVALID_STATE', `Expected to ${action} job with key '${jobKey}', but it is in state '${job.state}'`);
  return ok(job);
}
