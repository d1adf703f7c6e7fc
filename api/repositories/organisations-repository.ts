import type { Db } from '../../db/connect.js';
import type { AccessScope } from '../services/access-scope.js';
import type { Level } from '../roles.js';
import { fetchPage, likePattern, type Page, type PageRequest } from './page.js';

export interface Organisation {
  id: number;
  parentId: number | null;
  name: string;
  level: Level;
  code: string | null;
  path: string;
}

export interface OrganisationNode extends Omit<Organisation, 'path' | 'parentId'> {
  children: OrganisationNode[];
}

interface OrganisationRow {
  id: number;
  parent_id: number | null;
  name: string;
  level: Level;
  code: string | null;
  path: string;
}

const toOrganisation = (row: OrganisationRow): Organisation => ({
  id: row.id,
  parentId: row.parent_id,
  name: row.name,
  level: row.level,
  code: row.code,
  path: row.path,
});

export class OrganisationsRepository {
  constructor(private readonly db: Db) {}

  private visible(scope: AccessScope) {
    const query = this.db<OrganisationRow>('app.organisations');
    return scope.kind === 'subtree' ? query.where('path', 'like', `${scope.path}%`) : query.where('id', scope.organisationId);
  }

  async list(scope: AccessScope, filter: { q?: string; level?: Level; parentId?: number }, page: PageRequest): Promise<Page<Organisation>> {
    const query = this.visible(scope).select('*').orderBy([{ column: 'path' }]);
    if (filter.q) query.where((w) => w.whereILike('name', likePattern(filter.q!)).orWhereILike('code', likePattern(filter.q!)));
    if (filter.level) query.where('level', filter.level);
    if (filter.parentId) query.where('parent_id', filter.parentId);
    return fetchPage(query, page, toOrganisation);
  }

  async tree(scope: AccessScope): Promise<OrganisationNode[]> {
    const rows = (await this.visible(scope).select('*').orderBy('id')) as OrganisationRow[];
    const nodes = new Map<number, OrganisationNode>();
    for (const row of rows) nodes.set(row.id, { id: row.id, name: row.name, level: row.level, code: row.code, children: [] });
    const roots: OrganisationNode[] = [];
    for (const row of rows) {
      const parent = row.parent_id === null ? undefined : nodes.get(row.parent_id);
      (parent ? parent.children : roots).push(nodes.get(row.id)!);
    }
    return roots;
  }

  async find(id: number): Promise<Organisation | undefined> {
    const row = await this.db<OrganisationRow>('app.organisations').where({ id }).first();
    return row ? toOrganisation(row) : undefined;
  }

  async create(input: { parentId: number | null; name: string; level: Level; code: string | null }, parentPath: string): Promise<Organisation> {
    return this.db.transaction(async (trx) => {
      const [row] = await trx<OrganisationRow>('app.organisations')
        .insert({ parent_id: input.parentId, name: input.name, level: input.level, code: input.code })
        .returning('*');
      const [withPath] = await trx<OrganisationRow>('app.organisations')
        .where({ id: row!.id })
        .update({ path: `${parentPath}${row!.id}/` })
        .returning('*');
      return toOrganisation(withPath!);
    });
  }

  async update(id: number, patch: { name?: string; code?: string | null }): Promise<Organisation> {
    const [row] = await this.db('app.organisations')
      .where({ id })
      .update({ ...patch, updated_at: this.db.fn.now() })
      .returning('*');
    return toOrganisation(row!);
  }

  /** What still hangs on an organisation: children, bodies and users. */
  async dependents(id: number): Promise<{ children: number; bodies: number; users: number }> {
    const [counts] = (
      await this.db.raw(
        `select (select count(*) from app.organisations where parent_id = :id) as children,
                (select count(*) from app.enforcement_bodies where organisation_id = :id) as bodies,
                (select count(*) from app.users where organisation_id = :id) as users`,
        { id },
      )
    ).rows as { children: number; bodies: number; users: number }[];
    return counts!;
  }

  async delete(id: number): Promise<void> {
    await this.db('app.organisations').where({ id }).del();
  }
}
