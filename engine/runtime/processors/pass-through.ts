/** None start and intermediate throw events, manual tasks and undefined tasks: activate, then complete at once. */
import type { ElementProcessor } from '../element-processor.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

export const passThroughProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.complete(instance.key);
  },
  onComplete(rt, el, instance) {
    completeWithOutputs(rt, el, instance);
  },
};
