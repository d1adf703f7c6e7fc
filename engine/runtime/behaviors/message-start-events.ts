/**
 * Message start events of a process (not of an event sub-process): a deployed definition subscribes to the message
 * name (start-events.ts); a published message with that name starts an instance of it there, whatever the
 * message's correlation key (the key only limits how many run at once, see message-commands.ts).
 */
import type { ProcessModel } from '../../model/process-model.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';

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
 * activates the process without its none start event; the message start event is queued right behind it. The
 * process's own event subscriptions open when the start event completes (start-event.ts).
 */
export function startAtMessageStartEvent(rt: BpmnRuntime, startEventId: string, variables: Record<string, unknown>): void {
  const { model, state } = rt.ctx;
  rt.startInstructions = [];
  rt.processSubscriptionsAtStartEvent = true;
  rt.activate(model.bpmnProcessId, null, { key: state.instance.key });
  rt.activate(startEventId, state.instance.key, { localVariables: variables });
  rt.run();
}
