/** UpdateJobRetries: sets the retries; an open incident stays open until it is resolved. */
import { ok, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { requireJob } from './job-checks.js';

export function updateJobRetries(rt: BpmnRuntime, jobKey: string, retries: number): Result<void> {
  const checked = requireJob(rt.ctx.state, jobKey, 'update retries of', ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN']);
  if (!checked.ok) return checked;
  rt.ctx.write({ valueType: 'JOB', intent: 'RETRIES_UPDATED', key: jobKey, value: { type: checked.value.type, retries } });
  return ok(undefined);
}
