/**
 * Call activities across process instances (Zeebe's CallActivityProcessor and the parent/child parts of its
 * ProcessProcessor). Parent and child are different instances, each locked and written by its own commands, so
 * everything one tells the other goes through engine.outbox (ctx.send), delivered after the sender commits:
 *   parent → child: start the child (it is created under a key the parent chose), cancel it;
 *   child → parent: it completed (with its root variables), an error was thrown in it that it does not catch;
 *   parent → child that threw: nobody above catches the error either (the child raises the incident).
 * Every receiver checks that the call activity still waits for that child: a report about a call activity that
 * ended meanwhile (interrupted, cancelled) is dropped.
 */
import { EvaluationError } from '../../errors.js';
import { feelTypeName } from '../../model/expressions.js';
import type { FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { CalledProcess } from '../../state/pg/called-processes.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { visibleVariables } from './variables.js';

/** Outbox kinds (engine/call-activity-outbox.ts delivers them). */
export const CALL_ACTIVITY_OUTBOX = {
  /** To no instance yet: create the child. */
  startChild: 'call-activity.start-child',
  /** To the child: the call activity was terminated. */
  cancelChild: 'call-activity.cancel-child',
  /** To the parent: the child completed. */
  childCompleted: 'call-activity.child-completed',
  /** To the parent: an error thrown in the child (or further down) was not caught below the call activity. */
  errorThrown: 'call-activity.error-thrown',
  /** To the instance the error was thrown in: no instance above caught it. */
  errorUncaught: 'call-activity.error-uncaught',
} as const;

export interface StartChildPayload {
  childInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  parentProcessInstanceKey: string;
  parentElementInstanceKey: string;
  variables: Record<string, unknown>;
}

/** Which child a report is about, and the call activity that waits for it. */
export interface ChildReport {
  parentElementInstanceKey: string;
  childInstanceKey: string;
}

export interface ChildCompletedPayload extends ChildReport {
  variables: Record<string, unknown>;
}

/** Where an error was thrown: the element (and its job, for ThrowError) that gets the incident if nobody catches it. */
export interface ErrorOrigin {
  processInstanceKey: string;
  elementInstanceKey: string;
  jobKey: string | null;
}

export interface ThrownError {
  errorCode: string;
  errorMessage: string;
  variables: Record<string, unknown>;
}

export interface ErrorThrownPayload extends ChildReport, ThrownError {
  origin: ErrorOrigin;
}

export interface ErrorUncaughtPayload {
  origin: ErrorOrigin;
  errorCode: string;
  errorMessage: string;
}

/**
 * The latest version of the called process, at activation: the process id is evaluated in the call activity's
 * scope (after its input mappings). Not deployed, or without a none start event → incident CALLED_ELEMENT_ERROR.
 */
export function calledProcessOf(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): CalledProcess {
  const expression = el.calledElement!.processId;
  const processId = expression.evaluate(visibleVariables(rt.ctx, instance.key));
  if (typeof processId !== 'string' || processId === '') {
    throw new EvaluationError(`Expected result of the expression '${expression.source}' (processId of '${el.id}') to be 'STRING', but was '${feelTypeName(processId)}'`);
  }
  const called = rt.ctx.calledProcess(processId);
  if (!called) throw new EvaluationError(notDeployedMessage(processId), 'CALLED_ELEMENT_ERROR');
  if (!called.hasNoneStartEvent) throw new EvaluationError(`Expected process with BPMN process id '${processId}' to have a none start event, but not found.`, 'CALLED_ELEMENT_ERROR');
  return called;
}

export function notDeployedMessage(bpmnProcessId: string): string {
  return `Expected process with BPMN process id '${bpmnProcessId}' to be deployed, but not found.`;
}

/**
 * Starts the child: its key is chosen here and remembered on the call activity (so a termination can reach the
 * child even before it exists; see the delivery), and the variables it starts with are taken now — every variable
 * visible from the call activity, or with propagateAllParentVariables=false only the call activity's own (its
 * input mappings).
 */
export function startChildInstance(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>, called: CalledProcess): void {
  const variables = el.calledElement!.propagateAllParentVariables ? visibleVariables(rt.ctx, instance.key) : Object.fromEntries(rt.ctx.state.localVariables(instance.key));
  const childInstanceKey = rt.ctx.nextKey();
  const parentProcessInstanceKey = rt.ctx.state.instance.key;
  rt.ctx.write({
    valueType: 'PROCESS_INSTANCE_CREATION',
    intent: 'CREATING',
    key: childInstanceKey,
    value: { bpmnProcessId: called.bpmnProcessId, version: called.version, processDefinitionKey: called.key, parentProcessInstanceKey, parentElementInstanceKey: instance.key },
  });
  const payload: StartChildPayload = {
    childInstanceKey,
    processDefinitionKey: called.key,
    bpmnProcessId: called.bpmnProcessId,
    version: called.version,
    parentProcessInstanceKey,
    parentElementInstanceKey: instance.key,
    variables,
  };
  rt.ctx.send(CALL_ACTIVITY_OUTBOX.startChild, null, { ...payload });
}

/** The call activity is terminated: its child is cancelled (and, through their call activities, the child's children). */
export function cancelChildInstance(rt: BpmnRuntime, instance: Readonly<ElementInstance>): void {
  const childInstanceKey = instance.data.calledChildInstanceKey;
  if (!childInstanceKey) return;
  rt.ctx.send(CALL_ACTIVITY_OUTBOX.cancelChild, childInstanceKey, { parentElementInstanceKey: instance.key, childInstanceKey });
}

/** A child's process completed: the call activity gets the child's root variables (it decides what it keeps). */
export function reportCompletionToParent(rt: BpmnRuntime, processInstance: Readonly<ElementInstance>): void {
  const pi = rt.ctx.state.instance;
  if (!pi.parentProcessInstanceKey || !pi.parentElementInstanceKey) return;
  const payload: ChildCompletedPayload = {
    parentElementInstanceKey: pi.parentElementInstanceKey,
    childInstanceKey: pi.key,
    variables: Object.fromEntries(rt.ctx.state.localVariables(processInstance.key)),
  };
  rt.ctx.send(CALL_ACTIVITY_OUTBOX.childCompleted, pi.parentProcessInstanceKey, { ...payload });
}

/**
 * An error that no catch event of this instance catches goes on to the call activity that started the instance,
 * where the search continues (its boundary events, then the parent's scopes, then the grandparent's). Returns false
 * for a root instance: the caller raises the incident. The throwing element waits meanwhile (its job stays
 * ERROR_THROWN; an error end event stays ACTIVATING); if nobody catches the error, it gets the incident.
 */
export function throwErrorToParent(rt: BpmnRuntime, origin: Omit<ErrorOrigin, 'processInstanceKey'>, error: ThrownError): boolean {
  const pi = rt.ctx.state.instance;
  return forwardErrorToParent(rt, { ...origin, processInstanceKey: pi.key }, error);
}

/** Hands the error on to this instance's call activity; false when this is a root instance. */
export function forwardErrorToParent(rt: BpmnRuntime, origin: ErrorOrigin, error: ThrownError): boolean {
  const pi = rt.ctx.state.instance;
  if (!pi.parentProcessInstanceKey || !pi.parentElementInstanceKey) return false;
  const payload: ErrorThrownPayload = { parentElementInstanceKey: pi.parentElementInstanceKey, childInstanceKey: pi.key, origin, ...error };
  rt.ctx.send(CALL_ACTIVITY_OUTBOX.errorThrown, pi.parentProcessInstanceKey, { ...payload });
  return true;
}

/** The call activity instance waiting for `report.childInstanceKey`, or undefined when it is not waiting (any more). */
export function callActivityWaitingFor(rt: BpmnRuntime, report: ChildReport): Readonly<ElementInstance> | undefined {
  const instance = rt.ctx.state.element(report.parentElementInstanceKey);
  if (!instance || instance.state !== 'ACTIVATED' || instance.data.calledChildInstanceKey !== report.childInstanceKey) return undefined;
  return instance;
}
