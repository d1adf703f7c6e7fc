import type { Db } from '../../db/connect.js';
import type { AccessScope } from '../services/access-scope.js';
import type { ItemType } from '../roles.js';
import { fetchPage, likePattern, type Page, type PageRequest } from './page.js';

export interface EnforcementItem {
  id: number;
  code: string;
  name: string;
  type: ItemType;
  legalBasis: string;
  bodyId: number;
  bodyName: string;
  organisationPath: string;
  delegatedToTownship: boolean;
  validFrom: string;
  validTo: string | null;
}

interface ItemRow {
  id: number;
  code: string;
  name: string;
  type: ItemType;
  legal_basis: string;
  body_id: number;
  body_name: string;
  organisation_path: string;
  delegated_to_township: boolean;
  valid_from: string;
  valid_to: string | null;
}

const toItem = (row: ItemRow): EnforcementItem => ({
  id: row.id,
  code: row.code,
  name: row.name,
  type: row.type,
  legalBasis: row.legal_basis,
  bodyId: row.body_id,
  bodyName: row.body_name,
  organisationPath: row.organisation_path,
  delegatedToTownship: row.delegated_to_township,
  validFrom: row.valid_from,
  validTo: row.valid_to,
});

export type ItemInput = {
  code: string;
  name: string;
  type: ItemType;
  legalBasis: string;
  bodyId: number;
  delegatedToTownship: boolean;
  validFrom: string;
  validTo?: string | null;
};

const COLUMNS: Record<keyof ItemInput, string> = {
  code: 'code',
  name: 'name',
  type: 'type',
  legalBasis: 'legal_basis',
  bodyId: 'body_id',
  delegatedToTownship: 'delegated_to_township',
  validFrom: 'valid_from',
  validTo: 'valid_to',
};

function toColumns(input: Partial<ItemInput>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = input[key as keyof ItemInput];
    if (value !== undefined) row[column] = value;
  }
  return row;
}

export class EnforcementItemsRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db('app.enforcement_items as i')
      .join('app.enforcement_bodies as b', 'b.id', 'i.body_id')
      .join('app.organisations as o', 'o.id', 'b.organisation_id')
      .select('i.*', 'b.name as body_name', 'o.path as organisation_path');
  }

  /**
   * Subtree scopes see the items of every body in the subtree. A body scope sees its body's items and, for a
   * township, the items that bodies of the county or city above it have delegated to townships (赋权乡镇).
   */
  async list(scope: AccessScope, filter: { q?: string; type?: ItemType; bodyId?: number }, page: PageRequest, townshipLevel: boolean): Promise<Page<EnforcementItem>> {
    const query = this.base().orderBy([{ column: 'i.code' }]);
    if (scope.kind === 'subtree') query.where('o.path', 'like', `${scope.path}%`);
    else {
      query.where((w) => {
        w.where('i.body_id', scope.bodyId ?? -1);
        if (townshipLevel) w.orWhere((d) => d.where('i.delegated_to_township', true).whereRaw(`? like o.path || '%'`, [scope.path]));
      });
    }
    if (filter.q) query.where((w) => w.whereILike('i.name', likePattern(filter.q!)).orWhereILike('i.code', likePattern(filter.q!)));
    if (filter.type) query.where('i.type', filter.type);
    if (filter.bodyId) query.where('i.body_id', filter.bodyId);
    return fetchPage(query, page, toItem);
  }

  async find(id: number): Promise<EnforcementItem | undefined> {
    const row = await this.base().where('i.id', id).first();
    return row ? toItem(row as ItemRow) : undefined;
  }

  async create(input: ItemInput): Promise<EnforcementItem> {
    const [row] = await this.db('app.enforcement_items').insert(toColumns(input)).returning('id');
    return (await this.find(row.id))!;
  }

  async update(id: number, patch: Partial<ItemInput>): Promise<EnforcementItem> {
    await this.db('app.enforcement_items').where({ id }).update({ ...toColumns(patch), updated_at: this.db.fn.now() });
    return (await this.find(id))!;
  }

  async delete(id: number): Promise<void> {
    await this.db('app.enforcement_items').where({ id }).del();
  }
}
