/**
 * BPMN errors: the catch event is searched from the throwing element up through its enclosing scopes (see
 * catch-search.ts): at each scope its error event sub-processes, then its error boundary events; an exact error
 * code wins over a catch-all in the same scope.
 */
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { findCatch, triggerCatch, type FoundCatch } from './catch-search.js';

export type ErrorCatch = FoundCatch;

export function findErrorCatch(rt: BpmnRuntime, fromKey: string, errorCode: string): ErrorCatch | null {
  return findCatch(rt, fromKey, 'ERROR', errorCode);
}

/**
 * Error catch events are interrupting: a boundary event's activity, or everything else in an event sub-process's
 * scope, is terminated (the thrower with it); the catch event gets the error's variables as locals.
 */
export function catchError(rt: BpmnRuntime, caught: ErrorCatch, variables: Record<string, unknown>): void {
  triggerCatch(rt, caught, variables);
}

export function uncaughtErrorMessage(errorCode: string, errorMessage: string): string {
  return `Expected to throw an error event with the code '${errorCode}' with message '${errorMessage}', but it was not caught. No error events are available in the scope.`;
}
