/**
 * Catch events (Zeebe's CatchEventBehavior and EventTriggerBehavior). An element instance that can be interrupted or
 * continued by an event opens its subscriptions when it becomes ACTIVATED and closes them when it leaves:
 *   - an intermediate catch event or a receive task: its own timer, message or signal;
 *   - an activity: the timer, message and signal boundary events attached to it;
 *   - a process or sub-process: the timer, message and signal start events of its event sub-processes;
 *   - an event-based gateway: the catch events after it.
 * Triggering a subscription continues the element it belongs to (see triggerCatchEvent).
 */
import { EvaluationError } from '../../errors.js';
import { feelTypeName, type Expression } from '../../model/expressions.js';
import { element as modelElement, type FlowElement, type TimerDefinition } from '../../model/process-model.js';
import { addDuration, firstDueDate, parseCycle, parseDuration, TimerExpressionError } from '../../model/timer-expressions.js';
import type { EngineEvent } from '../../state/events.js';
import type { ElementInstance, EventSubscription } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { isInnerInstance } from './multi-instance.js';
import { setLocalVariables, visibleVariables } from './variables.js';

const CATCHABLE = new Set(['TIMER', 'MESSAGE', 'SIGNAL']);

/** The catch events whose subscriptions `instance` holds while it is active. */
export function catchEventsOf(rt: BpmnRuntime, instance: Readonly<ElementInstance>): FlowElement[] {
  const { model } = rt.ctx;
  const el = rt.elementOf(instance);
  const found: FlowElement[] = [];
  // a multi-instance receive task: each inner instance waits for its message, not the body
  if ((el.type === 'INTERMEDIATE_CATCH_EVENT' || el.type === 'RECEIVE_TASK') && instance.elementType !== 'MULTI_INSTANCE_BODY') found.push(el);
  if (el.type === 'EVENT_BASED_GATEWAY') for (const flow of el.outgoing) found.push(modelElement(model, flow.targetId));
  // boundary events belong to a multi-instance body, not to each of its inner instances
  if (el.boundaryEventIds.length > 0 && !isInnerInstance(rt.ctx.state, instance)) {
    for (const id of el.boundaryEventIds) {
      const boundary = modelElement(model, id);
      if (CATCHABLE.has(boundary.eventType)) found.push(boundary);
    }
  }
  if (instance.elementType !== 'MULTI_INSTANCE_BODY') {
    for (const id of el.eventSubProcessIds ?? []) {
      const start = modelElement(model, modelElement(model, id).startEventId!);
      if (CATCHABLE.has(start.eventType)) found.push(start);
    }
  }
  return found;
}


/**
 * Evaluates the subscriptions `instance` opens, without writing anything (a failure → incident, and the step can
 * be retried); the caller writes them with openSubscriptions once the element is ACTIVATED.
 */
export function prepareSubscriptions(rt: BpmnRuntime, instance: Readonly<ElementInstance>): EventSubscription[] {
  const catchEvents = catchEventsOf(rt, instance);
  if (catchEvents.length === 0) return [];
  const variables = visibleVariables(rt.ctx, instance.key);
  return catchEvents.map((catchEvent) => subscriptionFor(rt, instance, catchEvent, variables));
}

export function openSubscriptions(rt: BpmnRuntime, subscriptions: readonly EventSubscription[]): void {
  for (const s of subscriptions) rt.ctx.write(subscriptionEvent(s, 'open'));
}

/** Closes every subscription of the element instance (it completes or terminates). */
export function closeSubscriptions(rt: BpmnRuntime, elementInstanceKey: string, only?: (s: Readonly<EventSubscription>) => boolean): void {
  for (const s of rt.ctx.state.subscriptionsOf(elementInstanceKey)) if (!only || only(s)) rt.ctx.write(subscriptionEvent(s, 'close'));
}

export function subscriptionEvent(s: EventSubscription, what: 'open' | 'close' | 'trigger'): EngineEvent {
  if (s.kind === 'timer') return { valueType: 'TIMER', intent: what === 'open' ? 'CREATED' : what === 'close' ? 'CANCELED' : 'TRIGGERED', key: s.key, value: s };
  if (s.kind === 'message') return { valueType: 'PROCESS_MESSAGE_SUBSCRIPTION', intent: what === 'open' ? 'CREATED' : what === 'close' ? 'DELETED' : 'CORRELATED', key: s.key, value: s };
  return { valueType: 'SIGNAL_SUBSCRIPTION', intent: what === 'open' ? 'CREATED' : 'DELETED', key: s.key, value: s };
}

function subscriptionFor(rt: BpmnRuntime, instance: Readonly<ElementInstance>, catchEvent: FlowElement, variables: Record<string, unknown>): EventSubscription {
  const pi = rt.ctx.state.instance;
  const base = {
    key: rt.ctx.nextKey(),
    processInstanceKey: pi.key,
    elementInstanceKey: instance.key,
    elementId: catchEvent.id,
    processDefinitionKey: pi.processDefinitionKey,
    bpmnProcessId: pi.bpmnProcessId,
    name: null,
    correlationKey: null,
    interrupting: catchEvent.type === 'BOUNDARY_EVENT' ? catchEvent.cancelActivity !== false : catchEvent.type === 'START_EVENT' ? catchEvent.cancelActivity !== false : true,
    dueDate: null,
    repetitions: null,
    interval: null,
    createdAt: rt.ctx.now(),
  };
  if (catchEvent.eventType === 'TIMER') return { ...base, kind: 'timer', ...timerSchedule(catchEvent.timer!, variables, rt.ctx.now(), catchEvent.id) };
  // a receive task has a message but no event definition (its event type is NONE)
  if (catchEvent.eventType === 'MESSAGE' || catchEvent.type === 'RECEIVE_TASK') {
    const name = evaluateName(catchEvent.message!.name, variables, catchEvent.id, 'message name');
    const correlationKey = evaluateCorrelationKey(catchEvent, variables);
    return { ...base, kind: 'message', name, correlationKey };
  }
  return { ...base, kind: 'signal', name: evaluateName(catchEvent.signal!.name, variables, catchEvent.id, 'signal name') };
}

/** When a timer is first due, and for cycles its repetitions and interval. Invalid values → EvaluationError (an incident). */
export function timerSchedule(timer: TimerDefinition, variables: Record<string, unknown>, now: number, elementId: string): { dueDate: number; repetitions: number | null; interval: string | null } {
  const raw = timer.expression.evaluate(variables);
  if (typeof raw !== 'string') {
    throw new EvaluationError(`Expected the ${timer.kind} of '${elementId}' ('${timer.expression.source}') to be a ${timer.kind === 'timeDate' ? 'date-time' : timer.kind === 'timeDuration' ? 'duration' : 'repeating interval'}, but found '${feelTypeName(raw)}'`);
  }
  try {
    const dueDate = firstDueDate(timer.kind, raw, new Date(now)).getTime();
    if (timer.kind !== 'timeCycle') return { dueDate, repetitions: null, interval: null };
    const cycle = parseCycle(raw);
    return { dueDate, repetitions: cycle.repetitions, interval: raw.trim().split('/').at(-1)! };
  } catch (error) {
    if (error instanceof TimerExpressionError) throw new EvaluationError(`Expected a valid ${timer.kind} for '${elementId}' ('${timer.expression.source}'), but ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`);
    throw error;
  }
}

/** The next occurrence of a timer cycle that fired at `firedAt`, or null when its repetitions are used up. */
export function nextOccurrence(s: Readonly<EventSubscription>, firedAt: number): { dueDate: number; repetitions: number | null } | null {
  if (s.kind !== 'timer' || s.interval === null) return null;
  if (s.repetitions !== null && s.repetitions <= 1) return null;
  return { dueDate: addDuration(new Date(Math.max(firedAt, s.dueDate ?? firedAt)), parseDuration(s.interval)).getTime(), repetitions: s.repetitions === null ? null : s.repetitions - 1 };
}

function evaluateName(expression: Expression, variables: Record<string, unknown>, id: string, what: string): string {
  const value = expression.evaluate(variables);
  if (typeof value !== 'string' || value === '') throw new EvaluationError(`Expected the ${what} of '${id}' ('${expression.source}') to be a non-empty string, but found '${feelTypeName(value)}'`);
  return value;
}

function evaluateCorrelationKey(catchEvent: FlowElement, variables: Record<string, unknown>): string {
  const expression = catchEvent.message!.correlationKey;
  if (!expression) return '';
  const value = expression.evaluate(variables);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new EvaluationError(`Expected the correlation key of '${catchEvent.id}' ('${expression.source}') to be a string or number, but found '${feelTypeName(value)}'`);
}

/**
 * A subscription was triggered (timer due, message correlated, signal broadcast): continue its element.
 *   - the element's own event (intermediate catch, receive task): it completes with the event's variables;
 *   - a boundary event: an interrupting one terminates the activity first; the boundary event is activated;
 *   - an event after an event-based gateway: the gateway completes, taking the flow to that event;
 *   - an event sub-process start: an interrupting one terminates everything else in the scope (and closes the
 *     scope's other event sub-process subscriptions); the event sub-process is activated.
 * Returns false when the element instance is not waiting any more (the subscription is stale).
 */
export function triggerCatchEvent(rt: BpmnRuntime, subscription: Readonly<EventSubscription>, variables: Record<string, unknown>): boolean {
  const host = subscription.elementInstanceKey ? rt.ctx.state.element(subscription.elementInstanceKey) : undefined;
  if (!host || host.state !== 'ACTIVATED') return false;
  const { model } = rt.ctx;
  const catchEvent = modelElement(model, subscription.elementId);
  const hostElement = rt.elementOf(host);
  if (catchEvent.id === hostElement.id && (hostElement.type === 'INTERMEDIATE_CATCH_EVENT' || hostElement.type === 'RECEIVE_TASK')) {
    if (Object.keys(variables).length > 0) setLocalVariables(rt.ctx, host.key, variables);
    rt.complete(host.key);
    return true;
  }
  if (catchEvent.type === 'BOUNDARY_EVENT') {
    if (subscription.interrupting) rt.terminate(host.key);
    rt.activate(catchEvent.id, host.flowScopeKey, { localVariables: variables });
    return true;
  }
  if (hostElement.type === 'EVENT_BASED_GATEWAY') {
    const flow = hostElement.outgoing.find((f) => f.targetId === catchEvent.id)!;
    rt.completeElement(host, () => undefined, []);
    rt.takeFlowTriggering(host, flow, variables);
    return true;
  }
  const eventSubProcess = modelElement(model, catchEvent.flowScopeId!);
  if (subscription.interrupting) {
    const starts = new Set((hostElement.eventSubProcessIds ?? []).map((id) => modelElement(model, id).startEventId));
    closeSubscriptions(rt, host.key, (s) => starts.has(s.elementId));
    for (const child of rt.ctx.state.children(host.key)) rt.terminate(child.key);
  }
  rt.activateEventSubProcess(eventSubProcess, host.key, variables, subscription.interrupting);
  return true;
}
