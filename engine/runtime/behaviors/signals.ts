/**
 * Signals inside an instance (Zeebe's BpmnSignalBehavior). A signal throw event (intermediate or end) broadcasts its
 * signal with the event's LOCAL variables (its input mappings), as Zeebe does. A broadcast reaches every instance
 * with an open subscription of that name, so it cannot be decided inside this instance's command: the throw event
 * sends it through the outbox (written with this command, so it cannot be lost), and the broadcast runs after commit
 * (signal-commands.ts). Like any broadcast it is not buffered: subscriptions opened later do not see it.
 */
import { EvaluationError } from '../../errors.js';
import { feelTypeName } from '../../model/expressions.js';
import type { FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { visibleVariables } from './variables.js';

/** Outbox kinds: a broadcast to run (no receiver), a broadcast's trigger for one instance, an instance to start at a signal start event. */
export const SIGNAL_BROADCAST_OUTBOX = 'signal-broadcast';
export const SIGNAL_TRIGGER_OUTBOX = 'signal';
export const SIGNAL_START_OUTBOX = 'signal-start';

export interface SignalBroadcastPayload {
  signalName: string;
  variables: Record<string, unknown>;
}

/** The signal name of a throw event (static or FEEL), evaluated in its scope. Not a non-empty string → incident. */
export function evaluateSignalName(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): string {
  const expression = el.signal!.name;
  let name: unknown;
  try {
    name = expression.evaluate(visibleVariables(rt.ctx, instance.key));
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    throw new EvaluationError(`Expected the signal name of '${el.id}' ('${expression.source}') to be a non-empty string, but ${error.message}`);
  }
  if (typeof name !== 'string' || name === '') {
    throw new EvaluationError(`Expected the signal name of '${el.id}' ('${expression.source}') to be a non-empty string, but found '${feelTypeName(name)}'`);
  }
  return name;
}

/** Queues the broadcast of `signalName` with the throw event's local variables. */
export function broadcastSignal(rt: BpmnRuntime, instance: Readonly<ElementInstance>, signalName: string): void {
  const payload: SignalBroadcastPayload = { signalName, variables: Object.fromEntries(rt.ctx.state.localVariables(instance.key)) };
  rt.ctx.send(SIGNAL_BROADCAST_OUTBOX, null, { ...payload });
}
