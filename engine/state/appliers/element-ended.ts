/** ELEMENT_COMPLETED and ELEMENT_TERMINATED: the instance and its local variables are gone (history is in engine.records). */
import { assertTransition } from '../../runtime/lifecycle.js';
import type { InstanceState } from '../instance-state.js';
import { countInnerInstanceEnded } from './multi-instance-counts.js';

export function applyElementEnded(state: InstanceState, key: string, to: 'COMPLETED' | 'TERMINATED'): void {
  const current = state.element(key);
  assertTransition(key, current?.state ?? 'NONE', to);
  if (current) countInnerInstanceEnded(state, current, to);
  state.removeElement(key);
  if (key === state.instance.key) state.changed.instance = state.changed.instance === 'insert' ? null : 'delete';
}
