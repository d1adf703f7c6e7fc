/**
 * A message correlates to an open message subscription of this instance: PROCESS_MESSAGE_SUBSCRIPTION CORRELATED,
 * then the subscription's element continues with the message variables (catch-events.ts): an intermediate catch
 * event or receive task completes, a boundary event fires (an interrupting one terminates its activity), an event
 * sub-process starts, an event-based gateway takes that event's path. An interrupting or one-shot subscription is
 * closed by its element leaving; a non-interrupting one stays open and may correlate further messages.
 */
import { ok, type Result } from '../../errors.js';
import type { ReadonlyInstanceState } from '../../state/instance-state.js';
import type { EventSubscription } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { triggerCatchEvent } from '../behaviors/catch-events.js';

/**
 * The subscription if it can take a message now: it is open and its element instance waits (ACTIVATED). The
 * command's prepare step checks this before it claims the message for the process, so that a claimed message is
 * always correlated by the decide step that follows (the same check as triggerCatchEvent's).
 */
export function waitingMessageSubscription(state: ReadonlyInstanceState, subscriptionKey: string): Readonly<EventSubscription> | null {
  const s = state.subscription(subscriptionKey);
  if (!s || s.kind !== 'message' || !s.elementInstanceKey) return null;
  return state.element(s.elementInstanceKey)?.state === 'ACTIVATED' ? s : null;
}

export function correlateMessage(rt: BpmnRuntime, subscriptionKey: string, message: { key: string; variables: Record<string, unknown> }): Result<boolean> {
  const s = waitingMessageSubscription(rt.ctx.state, subscriptionKey);
  if (!s) return ok(false);
  rt.ctx.write({ valueType: 'PROCESS_MESSAGE_SUBSCRIPTION', intent: 'CORRELATED', key: s.key, value: { ...s, messageKey: message.key } });
  const triggered = triggerCatchEvent(rt, s, message.variables);
  rt.run();
  return ok(triggered);
}
