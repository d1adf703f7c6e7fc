/** The process: the root scope. Starts at the none start event (or the start instructions) and completes when no path is left. */
import type { ElementProcessor } from '../element-processor.js';
import { reportCompletionToParent } from '../behaviors/call-activities.js';
import { visibleVariables } from '../behaviors/variables.js';

export const processProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    const starts = rt.startInstructions ?? [el.noneStartEventId!];
    for (const elementId of starts) rt.activateWithScopes(elementId);
  },
  onComplete(rt, _el, instance) {
    rt.completeElement(
      instance,
      () => {
        if (rt.ctx.state.instance.awaitResult) rt.ctx.setResult(visibleVariables(rt.ctx, instance.key));
        // while the root variables still exist: a call activity's child hands them to its caller
        reportCompletionToParent(rt, instance);
      },
      null,
    );
  },
};
