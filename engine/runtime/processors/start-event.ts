/**
 * Start events. A none start event passes through; a start event with a trigger (timer, message, signal,
 * error, escalation — of the process or an event sub-process) hands the event's variables on when it completes.
 */
import type { ElementProcessor } from '../element-processor.js';
import { completeWithEventVariables } from './catch-event.js';
import { passThroughProcessor } from './pass-through.js';

export const startEventProcessor: ElementProcessor = {
  onActivate: passThroughProcessor.onActivate,
  onComplete(rt, el, instance) {
    if (el.eventType === 'NONE') return passThroughProcessor.onComplete(rt, el, instance);
    completeWithEventVariables(rt, el, instance);
  },
};
