/** Appliers for ELEMENT_ACTIVATED, ELEMENT_COMPLETING and ELEMENT_TERMINATING: the element only changes state. */
import { assertTransition } from '../../runtime/lifecycle.js';
import { STATE_OF_INTENT, type ElementIntent, type ElementValue } from '../events.js';
import type { InstanceState } from '../instance-state.js';

export function applyElementTransition(state: InstanceState, key: string, intent: ElementIntent, _value: ElementValue): void {
  const current = state.element(key);
  const to = STATE_OF_INTENT[intent];
  assertTransition(key, current?.state ?? 'NONE', to);
  state.putElement({ ...current!, state: to });
}
