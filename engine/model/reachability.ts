/**
 * For inclusive-gateway joins: which elements of the same scope each element can still reach along sequence flows
 * (and from a throw link event to its catch link event, which continues the path without a flow).
 */
import { linkTarget } from './link-events.js';
import type { FlowElement } from './process-model.js';

export function computeReachability(elements: ReadonlyMap<string, FlowElement>): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const start of elements.values()) {
    const seen = new Set<string>();
    const stack = [...next(elements, start)];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const el = elements.get(id);
      if (!el) continue;
      stack.push(...next(elements, el));
    }
    result.set(start.id, seen);
  }
  return result;
}

function next(elements: ReadonlyMap<string, FlowElement>, el: FlowElement): string[] {
  const ids = [...el.outgoing.map((f) => f.targetId), ...el.boundaryEventIds];
  const scope = el.flowScopeId ? elements.get(el.flowScopeId) : undefined;
  if (el.type === 'INTERMEDIATE_THROW_EVENT' && el.eventType === 'LINK' && el.linkName && scope) {
    const target = linkTarget(elements, scope, el.linkName);
    if (target) ids.push(target.id);
  }
  return ids;
}
