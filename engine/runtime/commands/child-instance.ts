/**
 * The commands call activities send between instances (see behaviors/call-activities.ts), as the receiving instance
 * runs them when engine/call-activity-outbox.ts delivers them. A report the receiver no longer waits for is dropped
 * (ok(false)), never rejected: the sender has committed and cannot take it back.
 */
import { ok, type Result } from '../../errors.js';
import type { FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import {
  callActivityWaitingFor,
  CALL_ACTIVITY_OUTBOX,
  forwardErrorToParent,
  type ChildCompletedPayload,
  type ChildReport,
  type ErrorThrownPayload,
  type ErrorUncaughtPayload,
  type StartChildPayload,
} from '../behaviors/call-activities.js';
import { catchError, findErrorCatch, uncaughtErrorMessage } from '../behaviors/error-catch.js';
import { raiseIncident } from '../behaviors/incidents.js';
import { isInnerInstance } from '../behaviors/multi-instance.js';
import { propagateVariables, setLocalVariables } from '../behaviors/variables.js';
import { createInstance } from './create-instance.js';

/** In the new child: its root scope gets the variables the call activity handed over; it starts at its none start event. */
export function startCalledInstance(rt: BpmnRuntime, payload: StartChildPayload): Result<void> {
  return createInstance(rt, { variables: payload.variables, startInstructions: [] });
}

/** In the child: its call activity was terminated, so the child is terminated as a whole (its own children with it). */
export function cancelCalledInstance(rt: BpmnRuntime, payload: ChildReport): Result<boolean> {
  const pi = rt.ctx.state.instance;
  if (pi.parentElementInstanceKey !== payload.parentElementInstanceKey) return ok(false);
  rt.terminate(pi.key);
  rt.run();
  return ok(true);
}

/**
 * In the parent: the child completed. As in Zeebe, the child's root variables reach the call activity when it has
 * output mappings (set locally, the mappings decide what leaves it) or propagateAllChildVariables (propagated like a
 * job's variables); otherwise nothing comes back. The call activity is COMPLETING from here on, which tells its
 * processor that the child is done (see call-activity.ts).
 */
export function completeCallActivity(rt: BpmnRuntime, payload: ChildCompletedPayload): Result<boolean> {
  const instance = callActivityWaitingFor(rt, payload);
  if (!instance) return ok(false);
  const el = rt.elementOf(instance);
  const variables = withoutOutputCollection(rt, el, instance, payload.variables);
  rt.transition(instance, 'ELEMENT_COMPLETING');
  if (el.outputs.length > 0) setLocalVariables(rt.ctx, instance.key, variables);
  else if (el.calledElement!.propagateAllChildVariables) propagateVariables(rt.ctx, instance.key, variables);
  rt.complete(instance.key);
  rt.run();
  return ok(true);
}

/**
 * The child of a multi-instance call activity started with a copy of the body's output collection (it is visible
 * from the call activity); handed back, that stale copy would overwrite the results of the siblings that completed
 * meanwhile (Zeebe's camunda/camunda#4860, #11476). The body alone writes its output collection, so it is left out.
 */
function withoutOutputCollection(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, variables: Record<string, unknown>): Record<string, unknown> {
  const outputCollection = el.multiInstance?.outputCollection;
  if (!outputCollection || !isInnerInstance(rt.ctx.state, instance) || !(outputCollection in variables)) return variables;
  const { [outputCollection]: _stale, ...rest } = variables;
  return rest;
}

/**
 * In the parent: an error from below was not caught there. The search goes on at the call activity (its error
 * boundary events, then the scopes above it); caught, the call activity is terminated on the way, which cancels the
 * child. Not caught here either, it goes to this instance's own parent, and from the root back to the instance it
 * was thrown in, which raises the incident.
 */
export function catchChildError(rt: BpmnRuntime, payload: ErrorThrownPayload): Result<boolean> {
  const instance = callActivityWaitingFor(rt, payload);
  if (!instance) return ok(false);
  const caught = findErrorCatch(rt, instance.key, payload.errorCode);
  if (caught) {
    catchError(rt, caught, payload.variables);
    rt.run();
    return ok(true);
  }
  const error = { errorCode: payload.errorCode, errorMessage: payload.errorMessage, variables: payload.variables };
  if (!forwardErrorToParent(rt, payload.origin, error)) {
    const uncaught: ErrorUncaughtPayload = { origin: payload.origin, errorCode: payload.errorCode, errorMessage: payload.errorMessage };
    rt.ctx.send(CALL_ACTIVITY_OUTBOX.errorUncaught, payload.origin.processInstanceKey, { ...uncaught });
  }
  return ok(true);
}

/**
 * In the instance the error was thrown in: no instance above caught it. The incident is raised where Zeebe raises
 * it, on the throwing element (with the job for ThrowError, so resolving it makes the job activatable again).
 */
export function raiseUncaughtError(rt: BpmnRuntime, payload: ErrorUncaughtPayload): Result<boolean> {
  const { elementInstanceKey, jobKey } = payload.origin;
  const instance = rt.ctx.state.element(elementInstanceKey);
  if (!instance || rt.ctx.state.incidentsOf(instance.key).length > 0) return ok(false);
  if (jobKey !== null && rt.ctx.state.job(jobKey)?.state !== 'ERROR_THROWN') return ok(false);
  raiseIncident(rt.ctx, instance, 'UNHANDLED_ERROR_EVENT', uncaughtErrorMessage(payload.errorCode, payload.errorMessage), jobKey);
  return ok(true);
}
