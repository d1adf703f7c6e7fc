/**
 * CompleteJob: without output mappings the variables are propagated from the task's scope; with output mappings
 * they are set locally and the mappings decide what leaves the task. Then the task completes.
 */
import { ok, type Result } from '../../errors.js';
import { element } from '../../model/process-model.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { propagateVariables, setLocalVariables } from '../behaviors/variables.js';
import { requireJob } from './job-checks.js';

export function completeJob(rt: BpmnRuntime, jobKey: string, variables: Record<string, unknown>): Result<void> {
  const checked = requireJob(rt.ctx.state, jobKey, 'complete', ['ACTIVATABLE', 'ACTIVATED']);
  if (!checked.ok) return checked;
  const job = checked.value;
  rt.ctx.write({ valueType: 'JOB', intent: 'COMPLETED', key: jobKey, value: { type: job.type, elementInstanceKey: job.elementInstanceKey, variables } });
  const instance = rt.ctx.state.element(job.elementInstanceKey);
  if (instance) {
    const el = element(rt.ctx.model, instance.elementId);
    if (el.outputs.length > 0) setLocalVariables(rt.ctx, instance.key, variables);
    else propagateVariables(rt.ctx, instance.key, variables);
    rt.complete(instance.key);
    rt.run();
  }
  return ok(undefined);
}
