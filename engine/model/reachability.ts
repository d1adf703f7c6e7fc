/** For inclusive-gateway joins: which elements of the same scope each element can still reach along sequence flows. */
import type { FlowElement } from './process-model.js';

export function computeReachability(elements: ReadonlyMap<string, FlowElement>): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const start of elements.values()) {
    const seen = new Set<string>();
    const stack = [...start.outgoing.map((f) => f.targetId), ...start.boundaryEventIds];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const el = elements.get(id);
      if (!el) continue;
      for (const f of el.outgoing) stack.push(f.targetId);
      for (const b of el.boundaryEventIds) stack.push(b);
    }
    result.set(start.id, seen);
  }
  return result;
}
