/** FailJob: retries as sent; variables local to the task; back-off; an incident when no retries are left. */
import { ok, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { raiseIncident } from '../behaviors/incidents.js';
import { setLocalVariables } from '../behaviors/variables.js';
import { requireJob } from './job-checks.js';

export interface FailJobCommand {
  jobKey: string;
  retries: number;
  errorMessage: string;
  retryBackOff: number;
  variables: Record<string, unknown>;
}

export function failJob(rt: BpmnRuntime, command: FailJobCommand): Result<void> {
  const checked = requireJob(rt.ctx.state, command.jobKey, 'fail', ['ACTIVATED']);
  if (!checked.ok) return checked;
  const job = checked.value;
  const instance = rt.ctx.state.element(job.elementInstanceKey);
  if (instance) setLocalVariables(rt.ctx, instance.key, command.variables);
  const backoffUntil = command.retries > 0 && command.retryBackOff > 0 ? rt.ctx.now() + command.retryBackOff : null;
  rt.ctx.write({
    valueType: 'JOB',
    intent: 'FAILED',
    key: job.key,
    value: { type: job.type, retries: command.retries, errorMessage: command.errorMessage, retryBackOff: command.retryBackOff, backoffUntil, elementInstanceKey: job.elementInstanceKey },
  });
  if (command.retries <= 0 && instance) {
    raiseIncident(rt.ctx, instance, 'JOB_NO_RETRIES', command.errorMessage || 'No more retries left.', job.key);
  }
  return ok(undefined);
}
