/** Script task with zeebe:script: the FEEL result is written to resultVariable like a job result, then the task completes. */
import type { ElementProcessor } from '../element-processor.js';
import { propagateVariables, setLocalVariable, visibleVariables } from '../behaviors/variables.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';
import { jobTaskProcessor } from './job-task.js';

export const scriptTaskProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    if (!el.script) return jobTaskProcessor.onActivate(rt, el, instance);
    applyInputs(rt, el, instance);
    const result = el.script.expression.evaluate(visibleVariables(rt.ctx, instance.key));
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    if (el.outputs.length > 0) setLocalVariable(rt.ctx, instance.key, el.script.resultVariable, result);
    else propagateVariables(rt.ctx, instance.key, { [el.script.resultVariable]: result });
    rt.complete(instance.key);
  },
  onComplete(rt, el, instance) {
    completeWithOutputs(rt, el, instance);
  },
  onTerminate(rt, el, instance) {
    jobTaskProcessor.onTerminate?.(rt, el, instance);
  },
};
