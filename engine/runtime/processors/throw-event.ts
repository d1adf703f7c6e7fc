/**
 * Intermediate throw events: none (passes through), signal (broadcasts, then goes on), escalation (throws to an
 * enclosing scope, then goes on unless an interrupting catch terminated it) and link (continues at the catch link
 * event of the same name in its scope instead of along a sequence flow).
 */
import { element as modelElement } from '../../model/process-model.js';
import { linkTarget } from '../../model/link-events.js';
import type { ElementProcessor } from '../element-processor.js';
import { evaluateEscalationCode, throwEscalation } from '../behaviors/escalation.js';
import { broadcastSignal, evaluateSignalName } from '../behaviors/signals.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

/**
 * Throws the event's signal or escalation (if any) and moves on to completion; shared by intermediate throw and end
 * events. An escalation caught by an interrupting catch has terminated the event: it does not complete.
 */
export const throwAndComplete: ElementProcessor['onActivate'] = (rt, el, instance) => {
  if (el.eventType === 'SIGNAL') {
    const signalName = evaluateSignalName(rt, el, instance);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    broadcastSignal(rt, instance, signalName);
    return rt.complete(instance.key);
  }
  if (el.eventType === 'ESCALATION') {
    const code = evaluateEscalationCode(rt, el, instance);
    rt.transition(instance, 'ELEMENT_ACTIVATED');
    if (throwEscalation(rt, el, rt.ctx.state.element(instance.key)!, code)) rt.complete(instance.key);
    return;
  }
  rt.transition(instance, 'ELEMENT_ACTIVATED');
  rt.complete(instance.key);
};

export const throwEventProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    throwAndComplete(rt, el, instance);
  },
  onComplete(rt, el, instance) {
    if (el.eventType !== 'LINK') return completeWithOutputs(rt, el, instance);
    // queued before this event completes, so its scope still has a path and does not complete in between
    const target = linkTarget(rt.ctx.model.elements, modelElement(rt.ctx.model, el.flowScopeId!), el.linkName!)!;
    rt.activate(target.id, instance.flowScopeKey, { triggered: true });
    completeWithOutputs(rt, el, instance, []);
  },
};
