import type { Id, Level, OrganisationNode } from '../api/types.js';

const CHILD_LEVEL: Record<Level, Level | null> = { city: 'county', county: 'township', township: null };

/** The level of an organisation created under `parent`: city → county → township; townships have none. */
export function childLevel(parent: Level): Level | null {
  return CHILD_LEVEL[parent];
}

export function findNode(nodes: readonly OrganisationNode[], id: Id | null | undefined): OrganisationNode | null {
  if (id === null || id === undefined || id === '') return null;
  for (const node of nodes) {
    if (String(node.id) === String(id)) return node;
    const found = findNode(node.children ?? [], id);
    if (found) return found;
  }
  return null;
}

/** The tree for choosing a parent: townships, which cannot have subordinates, are disabled. */
export function parentCandidates(nodes: readonly OrganisationNode[]): (OrganisationNode & { disabled: boolean })[] {
  return nodes.map((node) => ({
    ...node,
    disabled: childLevel(node.level) === null,
    children: parentCandidates(node.children ?? []),
  }));
}
