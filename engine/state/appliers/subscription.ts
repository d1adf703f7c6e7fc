/**
 * Timer, message-subscription and signal-subscription events. A correlated message subscription stays open (a
 * non-interrupting boundary event catches again); the processor deletes it when its element instance leaves.
 */
import type { EngineEvent } from '../events.js';
import type { InstanceState } from '../instance-state.js';

type SubscriptionEvent = Extract<EngineEvent, { valueType: 'TIMER' | 'PROCESS_MESSAGE_SUBSCRIPTION' | 'SIGNAL_SUBSCRIPTION' }>;

export function applySubscriptionEvent(state: InstanceState, event: SubscriptionEvent): void {
  if (event.intent === 'CREATED') state.putSubscription(event.value);
  else if (event.intent !== 'CORRELATED') state.removeSubscription(event.key);
}
