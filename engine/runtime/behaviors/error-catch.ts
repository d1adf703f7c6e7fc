/**
 * BPMN errors: find the catching error boundary event, starting at the throwing element and walking up its
 * enclosing scopes; an exact error code wins over a catch-all on the same activity.
 */
import { element as modelElement, type FlowElement } from '../../model/process-model.js';
import type { ElementInstance } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';

export interface ErrorCatch {
  host: Readonly<ElementInstance>;
  catchEvent: FlowElement;
}

export function findErrorCatch(rt: BpmnRuntime, fromKey: string, errorCode: string): ErrorCatch | null {
  for (let instance = rt.ctx.state.element(fromKey); instance; instance = instance.flowScopeKey ? rt.ctx.state.element(instance.flowScopeKey) : undefined) {
    const el = modelElement(rt.ctx.model, instance.elementId);
    const boundaries = el.boundaryEventIds.map((id) => modelElement(rt.ctx.model, id)).filter((b) => b.eventType === 'ERROR');
    const found = boundaries.find((b) => b.errorCode === errorCode) ?? boundaries.find((b) => b.errorCode === null);
    if (found) return { host: instance, catchEvent: found };
  }
  return null;
}

/** Interrupts the host (and everything inside it) and activates the catch event with the error's variables as locals. */
export function catchError(rt: BpmnRuntime, caught: ErrorCatch, variables: Record<string, unknown>): void {
  rt.terminate(caught.host.key);
  rt.activate(caught.catchEvent.id, caught.host.flowScopeKey, { localVariables: variables });
}

export function uncaughtErrorMessage(errorCode: string, errorMessage: string): string {
  return `Expected to throw an error event with the code '${errorCode}' with message '${errorMessage}', but it was not caught. No error events are available in the scope.`;
}
