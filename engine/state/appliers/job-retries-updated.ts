/** JOB RETRIES_UPDATED: the incident (if any) stays open until it is resolved. */
import type { InstanceState } from '../instance-state.js';

export function applyJobRetriesUpdated(state: InstanceState, key: string, value: { retries: number }): void {
  const job = state.job(key)!;
  state.putJob({ ...job, retries: Math.max(0, value.retries) });
}
