/**
 * Where a thrown error or escalation is caught (Zeebe's CatchEventAnalyzer). The search walks up from the thrower
 * through its enclosing element instances; each instance offers the start events of its event sub-processes (they
 * are inside it, so nearer to the thrower) and then its boundary events. Within one instance an exact code wins over
 * a catch-all (an event without a code). A multi-instance activity splits the two: its boundary events are the body's,
 * the event sub-processes of a multi-instance sub-process are each inner instance's.
 *
 * The walk stops at a scope that an interrupting event sub-process has interrupted: Zeebe lets nothing interrupt it a
 * second time. An error checks each instance before looking at it; an escalation looks at the throw event's flow
 * scope first and then only goes further up through scopes that are active and not interrupted (as Zeebe does).
 */
import { element as modelElement, type FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { isActive } from '../lifecycle.js';
import { closeSubscriptions } from './catch-events.js';
import { isInnerInstance } from './multi-instance.js';

export type ThrownKind = 'ERROR' | 'ESCALATION';

export interface FoundCatch {
  /** The element instance the catch event belongs to: the activity of a boundary event, the scope of an event sub-process. */
  host: Readonly<ElementInstance>;
  catchEvent: FlowElement;
}

/** Error: from the throwing element itself. Escalation: from the throw event's flow scope. */
export function findCatch(rt: BpmnRuntime, fromKey: string, kind: ThrownKind, code: string): FoundCatch | null {
  const { state } = rt.ctx;
  for (let instance = state.element(fromKey); instance; instance = instance.flowScopeKey ? state.element(instance.flowScopeKey) : undefined) {
    const canPass = isWalkable(instance) && !isInterrupted(rt, instance);
    if (kind === 'ERROR' && !canPass) return null;
    const catchEvent = catchEventIn(rt, instance, kind, code);
    if (catchEvent) return { host: instance, catchEvent };
    if (!canPass) return null;
  }
  return null;
}

/** ACTIVATING (an error end event, a throw event) or ACTIVATED: anything else is already on its way out. */
function isWalkable(instance: Readonly<ElementInstance>): boolean {
  return isActive(instance.state) && instance.state !== 'COMPLETING';
}

/** An interrupting event sub-process runs in the scope: the scope's other paths are gone and it takes no further interruption. */
export function isInterrupted(rt: BpmnRuntime, scope: Readonly<ElementInstance>): boolean {
  return rt.ctx.state.children(scope.key).some((child) => {
    if (child.elementType !== 'EVENT_SUB_PROCESS' || !isActive(child.state)) return false;
    const start = modelElement(rt.ctx.model, modelElement(rt.ctx.model, child.elementId).startEventId!);
    return start.cancelActivity !== false;
  });
}

function catchEventIn(rt: BpmnRuntime, instance: Readonly<ElementInstance>, kind: ThrownKind, code: string): FlowElement | null {
  const { model, state } = rt.ctx;
  const el = modelElement(model, instance.elementId);
  const candidates: FlowElement[] = [];
  if (instance.elementType !== 'MULTI_INSTANCE_BODY') {
    for (const id of el.eventSubProcessIds ?? []) {
      const start = modelElement(model, modelElement(model, id).startEventId!);
      if (start.eventType === kind) candidates.push(start);
    }
  }
  if (!isInnerInstance(state, instance)) {
    for (const id of el.boundaryEventIds) {
      const boundary = modelElement(model, id);
      if (boundary.eventType === kind) candidates.push(boundary);
    }
  }
  const codeOf = (e: FlowElement) => (kind === 'ERROR' ? e.errorCode : e.escalationCode) ?? null;
  return candidates.find((e) => codeOf(e) === code) ?? candidates.find((e) => codeOf(e) === null) ?? null;
}

/**
 * Triggers the catch event found: a boundary event is activated beside its activity (an interrupting one terminates
 * the activity first); an event sub-process is activated in its scope (an interrupting one first terminates the
 * scope's other children and closes the subscriptions of its other event sub-processes). The variables become locals
 * of the catch event.
 */
export function triggerCatch(rt: BpmnRuntime, found: FoundCatch, variables: Record<string, unknown>): void {
  const { host, catchEvent } = found;
  const interrupting = catchEvent.cancelActivity !== false;
  if (catchEvent.type === 'BOUNDARY_EVENT') {
    if (interrupting) rt.terminate(host.key);
    rt.activate(catchEvent.id, host.flowScopeKey, { localVariables: variables });
    return;
  }
  const { model } = rt.ctx;
  if (interrupting) {
    const starts = new Set((modelElement(model, host.elementId).eventSubProcessIds ?? []).map((id) => modelElement(model, id).startEventId));
    closeSubscriptions(rt, host.key, (s) => starts.has(s.elementId));
    for (const child of rt.ctx.state.children(host.key)) rt.terminate(child.key);
  }
  rt.activateEventSubProcess(modelElement(model, catchEvent.flowScopeId!), host.key, variables, interrupting);
}
