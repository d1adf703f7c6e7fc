/**
 * Message start events of a process (not of an event sub-process): a deployed definition subscribes to the message
 * name (FEEL evaluated without variables, like a timer start); a published message with that name starts an
 * instance of it there, whatever the message's correlation key (the key only limits how many run at once, see
 * message-commands.ts).
 */
import { EvaluationError, InvalidResourceError } from '../../errors.js';
import { feelTypeName } from '../../model/expressions.js';
import type { FlowElement, ProcessModel } from '../../model/process-model.js';
import type { EventSubscription } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';

export function messageStartSubscription(model: ProcessModel, start: FlowElement, processDefinitionKey: string, now: number, key: string): EventSubscription {
  const expression = start.message!.name;
  let name: unknown;
  try {
    name = expression.evaluate({});
  } catch (error) {
    if (error instanceof EvaluationError) throw new InvalidResourceError(`Element '${start.id}': ${error.message}`);
    throw error;
  }
  if (typeof name !== 'string' || name === '') {
    throw new InvalidResourceError(`Element '${start.id}': expected the message name ('${expression.source}') to evaluate to a non-empty string without variables, but found '${feelTypeName(name)}'`);
  }
  return {
    key,
    kind: 'message',
    processInstanceKey: null,
    elementInstanceKey: null,
    elementId: start.id,
    processDefinitionKey,
    bpmnProcessId: model.bpmnProcessId,
    name,
    correlationKey: null,
    interrupting: true,
    dueDate: null,
    repetitions: null,
    interval: null,
    createdAt: now,
  };
}

/** Whether a process (of this version) can be started by a message. */
export function hasMessageStartEvent(model: ProcessModel): boolean {
  return model.process.childIds.some((id) => {
    const el = model.elements.get(id);
    return el?.type === 'START_EVENT' && el.eventType === 'MESSAGE';
  });
}

/**
 * Runs a new instance (the command's state is a fresh instance) from the message start event `startEventId`. The
 * message variables become the start event's local variables, which it hands on like any triggered start event
 * (through its output mappings, or propagated to the process), as Zeebe does. An empty start-instruction list
 * activates the process without its none start event; the message start event is queued right behind it.
 */
export function startAtMessageStartEvent(rt: BpmnRuntime, startEventId: string, variables: Record<string, unknown>): void {
  const { model, state } = rt.ctx;
  rt.startInstructions = [];
  rt.activate(model.bpmnProcessId, null, { key: state.instance.key });
  rt.activate(startEventId, state.instance.key, { localVariables: variables });
  rt.run();
}
