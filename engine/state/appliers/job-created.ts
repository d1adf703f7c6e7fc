/** JOB CREATED: the job is activatable and its element instance remembers it. */
import type { InstanceState } from '../instance-state.js';
import type { Job } from '../types.js';

export function applyJobCreated(state: InstanceState, job: Job): void {
  state.putJob({ ...job });
  const element = state.element(job.elementInstanceKey)!;
  state.putElement({ ...element, data: { ...element.data, jobKey: job.key } });
  if (job.state === 'ACTIVATABLE') state.activatableJobTypes.add(job.type);
}
