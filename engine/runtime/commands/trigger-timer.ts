/**
 * A due timer of a running instance fires: it is removed (a non-interrupting cycle schedules its next repetition)
 * and its element continues (catch-events.ts). A timer that is gone (its element left, another node fired it) or
 * not yet due (the clock was moved back) does nothing: timers never fire early and fire once.
 */
import { ok, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { nextOccurrence, subscriptionEvent, triggerCatchEvent } from '../behaviors/catch-events.js';

export function triggerTimer(rt: BpmnRuntime, subscriptionKey: string): Result<boolean> {
  const timer = rt.ctx.state.subscription(subscriptionKey);
  const now = rt.ctx.now();
  if (!timer || timer.kind !== 'timer' || timer.dueDate === null || timer.dueDate > now) return ok(false);
  rt.ctx.write(subscriptionEvent(timer, 'trigger'));
  const next = timer.interrupting ? null : nextOccurrence(timer, now);
  if (next) rt.ctx.write(subscriptionEvent({ ...timer, key: rt.ctx.nextKey(), ...next, createdAt: now }, 'open'));
  const triggered = triggerCatchEvent(rt, timer, {});
  rt.run();
  return ok(triggered);
}
