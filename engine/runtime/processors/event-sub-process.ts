/**
 * Event sub-process: activated when its start event's trigger happened in the enclosing scope (catch-events.ts);
 * it starts at that start event, which completes at once with the event's variables. Completes like a sub-process.
 */
import type { ElementProcessor } from '../element-processor.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

export const eventSubProcessProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    rt.activate(el.startEventId!, instance.key, { localVariables: rt.takeEventSubProcessStart(instance.key), triggered: true });
  },
  onComplete(rt, el, instance) {
    completeWithOutputs(rt, el, instance);
  },
};
