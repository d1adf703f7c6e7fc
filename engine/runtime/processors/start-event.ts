/**
 * Start events. A none start event passes through; a start event with a trigger (timer, message, signal,
 * error, escalation — of the process or an event sub-process) hands the event's variables on when it completes.
 *
 * The message start event of a process opens the process's event subscriptions (its event sub-process starts) as it
 * completes, after its variables and output mappings are applied, so their correlation keys can use the message's
 * variables (Zeebe since camunda/camunda #9047; the process did not open them when it became ACTIVATED, see
 * BpmnRuntime.processSubscriptionsAtStartEvent). A failure is an incident on the start event, retried on resolution.
 */
import type { ElementProcessor } from '../element-processor.js';
import { openSubscriptions, prepareSubscriptions } from '../behaviors/catch-events.js';
import { completeWithEventVariables } from './catch-event.js';
import { passThroughProcessor } from './pass-through.js';

export const startEventProcessor: ElementProcessor = {
  onActivate: passThroughProcessor.onActivate,
  onComplete(rt, el, instance) {
    if (el.eventType === 'NONE') return passThroughProcessor.onComplete(rt, el, instance);
    const processKey = rt.ctx.state.instance.key;
    if (el.eventType !== 'MESSAGE' || instance.flowScopeKey !== processKey || rt.ctx.state.subscriptionsOf(processKey).length > 0) {
      return completeWithEventVariables(rt, el, instance);
    }
    completeWithEventVariables(rt, el, instance, () => {
      const process = rt.ctx.state.element(processKey);
      if (process) openSubscriptions(rt, prepareSubscriptions(rt, process));
    });
  },
};
