/**
 * Call activity: starts the latest version of the called process as a child instance and waits for it. The child
 * reports back through the outbox (see behaviors/call-activities.ts): its completion completes the call activity,
 * an error it does not catch is looked for here and above. Terminating the call activity cancels the child.
 */
import type { ElementProcessor } from '../element-processor.js';
import { calledProcessOf, cancelChildInstance, startChildInstance } from '../behaviors/call-activities.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

export const callActivityProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    // evaluated before ACTIVATED, so a process that is not deployed is an incident on the activating element, as in Zeebe
    const called = calledProcessOf(rt, el, instance);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    startChildInstance(rt, el, rt.ctx.state.element(instance.key)!, called);
  },
  onComplete(rt, el, instance) {
    // Still ACTIVATED: not the child's completion (which makes it COMPLETING first) but the resolution of an incident
    // raised because the child could not be created (its definition was deleted in between): start a child again.
    if (instance.state === 'ACTIVATED') return startChildInstance(rt, el, instance, calledProcessOf(rt, el, instance));
    completeWithOutputs(rt, el, instance);
  },
  onTerminate(rt, _el, instance) {
    cancelChildInstance(rt, instance);
  },
};
