/** The allowed element-instance state transitions (Zeebe's ProcessInstanceLifecycle), checked by the appliers. */
import { IllegalStateError } from '../errors.js';
import type { ElementState } from '../state/types.js';

export const LIFECYCLE: Readonly<Record<ElementState | 'NONE', readonly ElementState[]>> = {
  NONE: ['ACTIVATING'],
  ACTIVATING: ['ACTIVATED', 'TERMINATING'],
  ACTIVATED: ['COMPLETING', 'TERMINATING'],
  COMPLETING: ['COMPLETED', 'TERMINATING'],
  COMPLETED: [],
  TERMINATING: ['TERMINATED'],
  TERMINATED: [],
};

export function canTransition(from: ElementState | 'NONE', to: ElementState): boolean {
  return LIFECYCLE[from].includes(to);
}

export function assertTransition(key: string, from: ElementState | 'NONE', to: ElementState): void {
  if (!canTransition(from, to)) throw new IllegalStateError(`Expected to move element instance '${key}' from ${from} to ${to}, but the lifecycle does not allow it`);
}

/** An element instance that is still running (not yet ending). */
export function isActive(state: ElementState): boolean {
  return state === 'ACTIVATING' || state === 'ACTIVATED' || state === 'COMPLETING';
}
