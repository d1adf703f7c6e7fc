/**
 * A broadcast signal reaches one instance (its outbox item from the broadcast): the subscriptions the broadcast found
 * open in this instance are triggered in the order they were opened, each continuing its element (catch-events.ts).
 * Only those: a subscription opened since (even one opened because of this very signal) is not triggered, as signals
 * are not buffered; one closed since (its element left, an earlier trigger interrupted it) is skipped. A triggered
 * subscription is closed by its element leaving; a non-interrupting one stays open for the next broadcast.
 */
import { ok, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { triggerCatchEvent } from '../behaviors/catch-events.js';

export interface SignalTrigger {
  signalKey: string;
  signalName: string;
  variables: Record<string, unknown>;
  subscriptionKeys: string[];
}

/** Returns how many subscriptions were triggered. */
export function triggerSignal(rt: BpmnRuntime, trigger: SignalTrigger): Result<number> {
  let triggered = 0;
  const keys = [...trigger.subscriptionKeys].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  for (const key of keys) {
    const subscription = rt.ctx.state.subscription(key);
    if (!subscription || subscription.kind !== 'signal' || subscription.name !== trigger.signalName) continue;
    if (triggerCatchEvent(rt, subscription, trigger.variables)) triggered++;
    // each trigger runs to rest before the next, so the next sees what the first interrupted
    rt.run();
  }
  return ok(triggered);
}
