/**
 * ELEMENT_ACTIVATING: the element instance exists from now on; a joining gateway consumes one token per flow. An
 * interrupting event sub-process consumes every token still waiting at a join of its scope (ALL_WAITING_TOKENS): the
 * paths it interrupted are gone, as Zeebe does it (camunda/camunda #3680, #6565), so the scope completes with it.
 */
import { assertTransition } from '../../runtime/lifecycle.js';
import type { ElementValue } from '../events.js';
import type { InstanceState } from '../instance-state.js';
import { countInnerInstanceActivating } from './multi-instance-counts.js';

/** consumedFlows marker: consume every token waiting at a join of the flow scope. */
export const ALL_WAITING_TOKENS = '*';

export function applyElementActivating(state: InstanceState, key: string, value: ElementValue, consumedFlows: readonly string[]): void {
  assertTransition(key, 'NONE', 'ACTIVATING');
  state.putElement({
    key,
    processInstanceKey: value.processInstanceKey,
    flowScopeKey: value.flowScopeKey,
    elementId: value.elementId,
    elementType: value.bpmnElementType,
    state: 'ACTIVATING',
    data: {},
  });
  countInnerInstanceActivating(state, key);
  if (consumedFlows.length === 0 || !value.flowScopeKey) return;
  const scope = state.element(value.flowScopeKey)!;
  if (consumedFlows.includes(ALL_WAITING_TOKENS)) {
    if (Object.keys(scope.data.takenFlows ?? {}).length > 0) state.putElement({ ...scope, data: { ...scope.data, takenFlows: {} } });
    return;
  }
  const taken = { ...(scope.data.takenFlows ?? {}) };
  const counts = { ...(taken[value.elementId] ?? {}) };
  for (const flowId of consumedFlows) {
    const left = (counts[flowId] ?? 0) - 1;
    if (left > 0) counts[flowId] = left;
    else delete counts[flowId];
  }
  if (Object.keys(counts).length > 0) taken[value.elementId] = counts;
  else delete taken[value.elementId];
  state.putElement({ ...scope, data: { ...scope.data, takenFlows: taken } });
}
