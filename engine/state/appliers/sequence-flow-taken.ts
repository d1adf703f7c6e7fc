/** SEQUENCE_FLOW_TAKEN: a flow into a joining gateway leaves a token on the flow scope. */
import type { ElementValue } from '../events.js';
import type { InstanceState } from '../instance-state.js';

export function applySequenceFlowTaken(state: InstanceState, value: ElementValue & { targetId: string; joining: boolean }): void {
  if (!value.joining || !value.flowScopeKey) return;
  const scope = state.element(value.flowScopeKey)!;
  const taken = { ...(scope.data.takenFlows ?? {}) };
  const counts = { ...(taken[value.targetId] ?? {}) };
  counts[value.elementId] = (counts[value.elementId] ?? 0) + 1;
  taken[value.targetId] = counts;
  state.putElement({ ...scope, data: { ...scope.data, takenFlows: taken } });
}
