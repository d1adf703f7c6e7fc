/** JOB COMPLETED / CANCELED: the job row is deleted. */
import type { InstanceState } from '../instance-state.js';

export function applyJobRemoved(state: InstanceState, key: string): void {
  state.removeJob(key);
}
