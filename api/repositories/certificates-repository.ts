import type { Db } from '../../db/connect.js';
import type { AccessScope } from '../services/access-scope.js';
import type { Field } from '../roles.js';
import { fetchPage, likePattern, type Page, type PageRequest } from './page.js';

export interface Certificate {
  id: number;
  userId: number;
  userName: string;
  organisationPath: string;
  number: string;
  field: Field;
  issuingAuthority: string;
  validFrom: string;
  validTo: string;
  /** Valid on the day the record was read (validFrom ≤ today ≤ validTo). */
  valid: boolean;
}

interface CertificateRow {
  id: number;
  user_id: number;
  user_name: string;
  organisation_path: string;
  number: string;
  field: Field;
  issuing_authority: string;
  valid_from: string;
  valid_to: string;
}

export type CertificateInput = { userId: number; number: string; field: Field; issuingAuthority: string; validFrom: string; validTo: string };

/** Which certificates a list may show: the scope's, or only the caller's own. */
export type CertificateVisibility = { scope: AccessScope; ownerOnly: number | null };

export class CertificatesRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db('app.certificates as c')
      .join('app.users as u', 'u.id', 'c.user_id')
      .join('app.organisations as o', 'o.id', 'u.organisation_id')
      .select('c.*', 'u.display_name as user_name', 'o.path as organisation_path');
  }

  private map(today: string) {
    return (row: CertificateRow): Certificate => ({
      id: row.id,
      userId: row.user_id,
      userName: row.user_name,
      organisationPath: row.organisation_path,
      number: row.number,
      field: row.field,
      issuingAuthority: row.issuing_authority,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      valid: row.valid_from <= today && today <= row.valid_to,
    });
  }

  async list(
    visibility: CertificateVisibility,
    filter: { q?: string; userId?: number; field?: Field; status?: 'valid' | 'expired' },
    page: PageRequest,
    today: string,
  ): Promise<Page<Certificate>> {
    const query = this.base().orderBy([{ column: 'o.path' }, { column: 'c.id' }]);
    const { scope, ownerOnly } = visibility;
    if (ownerOnly !== null) query.where('c.user_id', ownerOnly);
    else if (scope.kind === 'subtree') query.where('o.path', 'like', `${scope.path}%`);
    else query.where('u.body_id', scope.bodyId ?? -1);
    if (filter.q) query.where((w) => w.whereILike('c.number', likePattern(filter.q!)).orWhereILike('u.display_name', likePattern(filter.q!)));
    if (filter.userId) query.where('c.user_id', filter.userId);
    if (filter.field) query.where('c.field', filter.field);
    if (filter.status === 'valid') query.where('c.valid_from', '<=', today).where('c.valid_to', '>=', today);
    if (filter.status === 'expired') query.where((w) => w.where('c.valid_to', '<', today).orWhere('c.valid_from', '>', today));
    return fetchPage(query, page, this.map(today));
  }

  async listForUser(userId: number, today: string): Promise<Certificate[]> {
    const rows = (await this.base().where('c.user_id', userId).orderBy('c.valid_to', 'desc')) as CertificateRow[];
    return rows.map(this.map(today));
  }

  async find(id: number, today: string): Promise<Certificate | undefined> {
    const row = await this.base().where('c.id', id).first();
    return row ? this.map(today)(row as CertificateRow) : undefined;
  }

  async create(input: CertificateInput, today: string): Promise<Certificate> {
    const [row] = await this.db('app.certificates')
      .insert({
        user_id: input.userId,
        number: input.number,
        field: input.field,
        issuing_authority: input.issuingAuthority,
        valid_from: input.validFrom,
        valid_to: input.validTo,
      })
      .returning('id');
    return (await this.find(row.id, today))!;
  }

  async update(id: number, patch: Partial<Omit<CertificateInput, 'userId'>>, today: string): Promise<Certificate> {
    const changes: Record<string, unknown> = { updated_at: this.db.fn.now() };
    if (patch.number !== undefined) changes.number = patch.number;
    if (patch.field !== undefined) changes.field = patch.field;
    if (patch.issuingAuthority !== undefined) changes.issuing_authority = patch.issuingAuthority;
    if (patch.validFrom !== undefined) changes.valid_from = patch.validFrom;
    if (patch.validTo !== undefined) changes.valid_to = patch.validTo;
    await this.db('app.certificates').where({ id }).update(changes);
    return (await this.find(id, today))!;
  }

  async delete(id: number): Promise<void> {
    await this.db('app.certificates').where({ id }).del();
  }
}
