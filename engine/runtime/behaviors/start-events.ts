/**
 * Start-event subscriptions of a deployed process definition (no instance yet): a timer start event is scheduled
 * at deployment (its FEEL is evaluated without variables); a signal start event subscribes to its signal name (FEEL
 * also evaluated without variables), so that a broadcast of that name starts an instance. The subscriptions replace
 * those of the previous version: only the latest version of a process starts by its events, as in Zeebe.
 */
import { EvaluationError, InvalidResourceError } from '../../errors.js';
import { feelTypeName } from '../../model/expressions.js';
import type { FlowElement, ProcessModel } from '../../model/process-model.js';
import type { EventSubscription } from '../../state/types.js';
import { nextOccurrence, timerSchedule } from './catch-events.js';

export function startSubscriptions(model: ProcessModel, processDefinitionKey: string, now: number, nextKey: () => string): EventSubscription[] {
  const out: EventSubscription[] = [];
  for (const id of model.process.childIds) {
    const start = model.elements.get(id)!;
    if (start.type === 'START_EVENT' && start.eventType === 'SIGNAL') {
      out.push(namedStartSubscription('signal', model, start, processDefinitionKey, now, nextKey()));
      continue;
    }
    if (start.type === 'START_EVENT' && start.eventType === 'MESSAGE') {
      out.push(namedStartSubscription('message', model, start, processDefinitionKey, now, nextKey()));
      continue;
    }
    if (start.type !== 'START_EVENT' || start.eventType !== 'TIMER') continue;
    let schedule: ReturnType<typeof timerSchedule>;
    try {
      schedule = timerSchedule(start.timer!, {}, now, start.id);
    } catch (error) {
      if (error instanceof EvaluationError) throw new InvalidResourceError(`Element '${start.id}': ${error.message}`);
      throw error;
    }
    out.push({
      key: nextKey(),
      kind: 'timer',
      processInstanceKey: null,
      elementInstanceKey: null,
      elementId: start.id,
      processDefinitionKey,
      bpmnProcessId: model.bpmnProcessId,
      name: null,
      correlationKey: null,
      interrupting: true,
      ...schedule,
      createdAt: now,
    });
  }
  return out;
}

/**
 * A message or signal start event's subscription: the name is FEEL evaluated without variables (like a timer
 * start); a name that does not evaluate to a non-empty string refuses the deployment, naming the element.
 */
export function namedStartSubscription(kind: 'message' | 'signal', model: ProcessModel, start: FlowElement, processDefinitionKey: string, now: number, key: string): EventSubscription {
  const expression = kind === 'message' ? start.message!.name : start.signal!.name;
  let name: unknown;
  try {
    name = expression.evaluate({});
  } catch (error) {
    if (error instanceof EvaluationError) throw new InvalidResourceError(`Element '${start.id}': ${error.message}`);
    throw error;
  }
  if (typeof name !== 'string' || name === '') {
    throw new InvalidResourceError(`Element '${start.id}': expected the ${kind} name ('${expression.source}') to evaluate to a non-empty string without variables, but found '${feelTypeName(name)}'`);
  }
  return {
    key,
    kind,
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

/** The subscription that follows a start timer that fired (the next repetition of its cycle), or null. */
export function nextStartTimer(fired: EventSubscription, firedAt: number, key: string): EventSubscription | null {
  const next = nextOccurrence(fired, firedAt);
  return next ? { ...fired, key, ...next, createdAt: firedAt } : null;
}
