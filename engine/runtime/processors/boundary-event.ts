/** Error boundary event: activated with the error's variables as locals, which it passes on (or maps) when it completes. */
import type { ElementProcessor } from '../element-processor.js';
import { propagateVariables } from '../behaviors/variables.js';
import { completeWithOutputs } from './activity-steps.js';

export const boundaryEventProcessor: ElementProcessor = {
  onActivate(rt, _el, instance) {
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.complete(instance.key);
  },
  onComplete(rt, el, instance) {
    if (el.outputs.length > 0) return completeWithOutputs(rt, el, instance);
    const locals = Object.fromEntries(rt.ctx.state.localVariables(instance.key));
    if (Object.keys(locals).length > 0) propagateVariables(rt.ctx, instance.flowScopeKey!, locals);
    completeWithOutputs(rt, el, rt.ctx.state.element(instance.key)!);
  },
};
