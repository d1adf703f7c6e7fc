/** JOB ERROR_THROWN: the job waits (for its element's termination, or for the incident to be resolved). */
import type { InstanceState } from '../instance-state.js';

export function applyJobErrorThrown(state: InstanceState, key: string, value: { errorMessage: string }): void {
  const job = state.job(key)!;
  state.putJob({ ...job, state: 'ERROR_THROWN', errorMessage: value.errorMessage, worker: null, deadline: null });
}
