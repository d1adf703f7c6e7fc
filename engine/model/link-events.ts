/**
 * Link events (bpmn:linkEventDefinition name): an intermediate throw link event continues the flow at the
 * intermediate catch link event of the same name in the same scope, a "go to" inside one diagram. Validated at
 * deployment as Zeebe does: each throw finds exactly one catch of its name in its own scope.
 */
import type { FlowElement } from './process-model.js';
import type { ModdleElement } from './read-definitions.js';

export function readLinkName(item: ModdleElement, id: string, problems: string[]): string | undefined {
  const definition = (Array.isArray(item.eventDefinitions) ? (item.eventDefinitions as ModdleElement[]) : [])[0];
  const name = typeof definition?.name === 'string' ? definition.name.trim() : '';
  if (name === '') {
    problems.push(`Element '${id}': expected the link event to have a name, but it has none`);
    return undefined;
  }
  return name;
}

/** Every scope: catch link names are unique, and every throw link has a catch of its name beside it. */
export function validateLinks(elements: ReadonlyMap<string, FlowElement>, problems: string[]): void {
  const catches = new Map<string, FlowElement[]>();
  const scopeKey = (el: FlowElement) => `${el.flowScopeId ?? ''}\u0000${el.linkName ?? ''}`;
  for (const el of elements.values()) {
    if (el.eventType !== 'LINK' || el.type !== 'INTERMEDIATE_CATCH_EVENT' || !el.linkName) continue;
    const same = catches.get(scopeKey(el)) ?? [];
    same.push(el);
    catches.set(scopeKey(el), same);
  }
  for (const same of catches.values()) {
    if (same.length > 1) {
      problems.push(`Element '${same[1]!.id}': expected one intermediate catch link event named '${same[0]!.linkName}' in scope '${same[0]!.flowScopeId}', but '${same[0]!.id}' has that name too`);
    }
  }
  for (const el of elements.values()) {
    if (el.eventType !== 'LINK' || el.type !== 'INTERMEDIATE_THROW_EVENT' || !el.linkName) continue;
    if (!catches.has(scopeKey(el))) {
      problems.push(`Element '${el.id}': expected an intermediate catch link event named '${el.linkName}' in scope '${el.flowScopeId}' for the throw link event, but there is none`);
    }
  }
}

/** The catch link event a throw link event jumps to (deployment guarantees there is exactly one). */
export function linkTarget(elements: ReadonlyMap<string, FlowElement>, scope: FlowElement, linkName: string): FlowElement | undefined {
  for (const id of scope.childIds) {
    const child = elements.get(id);
    if (child?.type === 'INTERMEDIATE_CATCH_EVENT' && child.eventType === 'LINK' && child.linkName === linkName) return child;
  }
  return undefined;
}
