/** JOB FAILED: retries as sent (never below 0); activatable again at once, after the back-off, or never (incident). */
import type { InstanceState } from '../instance-state.js';

export function applyJobFailed(state: InstanceState, key: string, value: { retries: number; errorMessage: string; backoffUntil: number | null }): void {
  const job = state.job(key)!;
  const retries = Math.max(0, value.retries);
  const activatable = retries > 0 && value.backoffUntil === null;
  state.putJob({
    ...job,
    retries,
    errorMessage: value.errorMessage,
    state: activatable ? 'ACTIVATABLE' : 'FAILED',
    backoffUntil: retries > 0 ? value.backoffUntil : null,
    worker: null,
    deadline: null,
  });
  if (activatable) state.activatableJobTypes.add(job.type);
}
