/** VARIABLE CREATED / UPDATED. */
import type { InstanceState } from '../instance-state.js';

export function applyVariableSet(state: InstanceState, value: { name: string; value: unknown; scopeKey: string }): void {
  state.putVariable(value.scopeKey, value.name, value.value);
}
