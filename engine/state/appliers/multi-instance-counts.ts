/**
 * The bookkeeping of a multi-instance body, kept by the element appliers as Zeebe keeps it on the element instance:
 * an inner instance gets the next loop counter when it is activating, and the body counts its inner instances as
 * they are created, completed and terminated (the completion condition reads these counts).
 */
import type { InstanceState } from '../instance-state.js';
import type { ElementInstance, InnerInstanceCounts } from '../types.js';

const NONE: InnerInstanceCounts = { created: 0, completed: 0, terminated: 0 };

export function countInnerInstanceActivating(state: InstanceState, key: string): void {
  const child = state.element(key)!;
  const body = bodyOf(state, child);
  if (!body) return;
  const counts = body.data.innerInstances ?? NONE;
  const created = counts.created + 1;
  state.putElement({ ...body, data: { ...body.data, innerInstances: { ...counts, created } } });
  state.putElement({ ...child, data: { ...child.data, loopCounter: created } });
}

export function countInnerInstanceEnded(state: InstanceState, child: Readonly<ElementInstance>, to: 'COMPLETED' | 'TERMINATED'): void {
  const body = bodyOf(state, child);
  if (!body) return;
  const counts = body.data.innerInstances ?? NONE;
  const next = to === 'COMPLETED' ? { ...counts, completed: counts.completed + 1 } : { ...counts, terminated: counts.terminated + 1 };
  state.putElement({ ...body, data: { ...body.data, innerInstances: next } });
}

function bodyOf(state: InstanceState, child: Readonly<ElementInstance>): ElementInstance | undefined {
  const scope = child.flowScopeKey ? state.element(child.flowScopeKey) : undefined;
  return scope?.elementType === 'MULTI_INSTANCE_BODY' && scope.elementId === child.elementId ? scope : undefined;
}
