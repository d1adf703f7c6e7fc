import type { Db } from '../../db/connect.js';
import type { AccessScope } from '../services/access-scope.js';
import type { Field } from '../roles.js';
import { fetchPage, likePattern, type Page, type PageRequest } from './page.js';

export interface EnforcementBody {
  id: number;
  organisationId: number;
  organisationName: string;
  organisationPath: string;
  name: string;
  field: Field;
  creditCode: string | null;
}

interface BodyRow {
  id: number;
  organisation_id: number;
  organisation_name: string;
  organisation_path: string;
  name: string;
  field: Field;
  credit_code: string | null;
}

const toBody = (row: BodyRow): EnforcementBody => ({
  id: row.id,
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  organisationPath: row.organisation_path,
  name: row.name,
  field: row.field,
  creditCode: row.credit_code,
});

export type BodyInput = { organisationId: number; name: string; field: Field; creditCode?: string | null };

export class BodiesRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db('app.enforcement_bodies as b')
      .join('app.organisations as o', 'o.id', 'b.organisation_id')
      .select('b.*', 'o.name as organisation_name', 'o.path as organisation_path');
  }

  async list(scope: AccessScope, filter: { q?: string; organisationId?: number; field?: Field }, page: PageRequest): Promise<Page<EnforcementBody>> {
    const query = this.base().orderBy([{ column: 'o.path' }, { column: 'b.id' }]);
    if (scope.kind === 'subtree') query.where('o.path', 'like', `${scope.path}%`);
    else query.where('b.id', scope.bodyId ?? -1);
    if (filter.q) query.whereILike('b.name', likePattern(filter.q));
    if (filter.organisationId) query.where('b.organisation_id', filter.organisationId);
    if (filter.field) query.where('b.field', filter.field);
    return fetchPage(query, page, toBody);
  }

  async find(id: number): Promise<EnforcementBody | undefined> {
    const row = await this.base().where('b.id', id).first();
    return row ? toBody(row as BodyRow) : undefined;
  }

  async create(input: BodyInput): Promise<EnforcementBody> {
    const [row] = await this.db('app.enforcement_bodies')
      .insert({ organisation_id: input.organisationId, name: input.name, field: input.field, credit_code: input.creditCode ?? null })
      .returning('id');
    return (await this.find(row.id))!;
  }

  async update(id: number, patch: Partial<Omit<BodyInput, 'organisationId'>>): Promise<EnforcementBody> {
    const changes: Record<string, unknown> = { updated_at: this.db.fn.now() };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.field !== undefined) changes.field = patch.field;
    if (patch.creditCode !== undefined) changes.credit_code = patch.creditCode;
    await this.db('app.enforcement_bodies').where({ id }).update(changes);
    return (await this.find(id))!;
  }

  async dependents(id: number): Promise<{ users: number; items: number }> {
    const [counts] = (
      await this.db.raw(
        `select (select count(*) from app.users where body_id = :id) as users,
                (select count(*) from app.enforcement_items where body_id = :id) as items`,
        { id },
      )
    ).rows as { users: number; items: number }[];
    return counts!;
  }

  async delete(id: number): Promise<void> {
    await this.db('app.enforcement_bodies').where({ id }).del();
  }
}
