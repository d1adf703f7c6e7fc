/** ELEMENT_ACTIVATING: the element instance exists from now on; a joining gateway consumes one token per flow. */
import { assertTransition } from '../../runtime/lifecycle.js';
import type { ElementValue } from '../events.js';
import type { InstanceState } from '../instance-state.js';
import { countInnerInstanceActivating } from './multi-instance-counts.js';

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
