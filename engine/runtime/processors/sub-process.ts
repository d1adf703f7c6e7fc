/** Embedded sub-process: a scope; starts at its none start event and completes when no path inside is left. */
import type { ElementProcessor } from '../element-processor.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

export const subProcessProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.activate(el.noneStartEventId!, instance.key);
  },
  onComplete(rt, el, instance) {
    completeWithOutputs(rt, el, instance);
  },
};
