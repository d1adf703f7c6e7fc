/** The process: the root scope. Starts at the none start event (or the start instructions) and completes when no path is left. */
import type { ElementProcessor } from '../element-processor.js';
import { visibleVariables } from '../behaviors/variables.js';

export const processProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    const starts = rt.startInstructions ?? [el.noneStartEventId!];
    for (const elementId of starts) rt.activateWithScopes(elementId, instance.key);
  },
  onComplete(rt, _el, instance) {
    rt.completeElement(
      instance,
      () => {
        if (rt.ctx.state.instance.awaitResult) rt.ctx.setResult(visibleVariables(rt.ctx, instance.key));
      },
      null,
    );
  },
};
