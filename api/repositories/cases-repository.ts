import type { Knex } from 'knex';
import type { Db } from '../../db/connect.js';
import type { AccessScope } from '../services/access-scope.js';
import type { Field } from '../roles.js';
import { COUNT_CAP, escapeLike, fetchPage, likePattern, type Page, type PageRequest } from './page.js';

export type CaseKind = 'inspection' | 'penalty' | 'coercion';
export type CaseStatus = 'open' | 'suspended' | 'closed' | 'terminated' | 'transferred';
export type PartyType = 'natural-person' | 'organisation';
export type IdType = 'resident-id' | 'passport' | 'other' | 'credit-code';

export interface CaseParty {
  type: PartyType;
  name: string;
  idType: IdType;
  idNumber: string;
  legalRepresentative: string | null;
  address: string | null;
  phone: string | null;
  electronicService: Record<string, unknown>;
}

export interface CaseSummary {
  id: number;
  caseRef: string;
  kind: CaseKind;
  procedure: string;
  title: string;
  partyName: string;
  bodyId: number;
  bodyName: string;
  field: Field;
  status: CaseStatus;
  currentStep: string | null;
  currentStepName: string | null;
  openedAt: string;
}

export interface CaseDetail extends CaseSummary {
  facts: string;
  amounts: Record<string, unknown>;
  processInstanceKey: string | null;
  parties: CaseParty[];
  officers: Array<{ userId: number; displayName: string; role: 'lead' | 'assistant' }>;
  items: Array<{ id: number; code: string; name: string }>;
  openedBy: { id: number; displayName: string } | null;
  closedAt: string | null;
}

/** A case as the access checks and the engine views need it (not part of any response). */
export interface CaseRecord extends CaseDetail {
  organisationPath: string;
  processDefinitionKey: string | null;
  officerIds: number[];
}

export interface CaseFilter {
  q?: string;
  status?: CaseStatus;
  kind?: CaseKind;
  procedure?: string;
  bodyId?: number;
  mine?: boolean;
  openedFrom?: string;
  openedTo?: string;
  sort: '-openedAt' | 'openedAt' | 'caseRef';
}

export interface NewCase {
  caseRef: string;
  kind: CaseKind;
  procedure: string;
  bodyId: number;
  field: Field;
  title: string;
  facts: string;
  amounts: Record<string, unknown>;
  parties: CaseParty[];
  /** The first is the lead officer (主办). */
  officerIds: number[];
  itemIds: number[];
  openedBy: number;
  openedAt: Date;
}

interface SummaryRow {
  id: string;
  case_ref: string;
  kind: CaseKind;
  procedure: string;
  title: string;
  party_name: string;
  body_id: number;
  body_name: string;
  field: Field;
  status: CaseStatus;
  current_step: string | null;
  current_step_name: string | null;
  opened_at: Date;
}

interface DetailRow extends SummaryRow {
  facts: string;
  amounts: Record<string, unknown>;
  process_instance_key: string | null;
  process_definition_key: string | null;
  opened_by: number | null;
  opened_by_name: string | null;
  closed_at: Date | null;
  organisation_path: string;
}

const toSummary = (row: SummaryRow): CaseSummary => ({
  id: Number(row.id),
  caseRef: row.case_ref,
  kind: row.kind,
  procedure: row.procedure,
  title: row.title,
  partyName: row.party_name,
  bodyId: row.body_id,
  bodyName: row.body_name,
  field: row.field,
  status: row.status,
  currentStep: row.current_step,
  currentStepName: row.current_step_name,
  openedAt: row.opened_at.toISOString(),
});

const SORTS: Record<CaseFilter['sort'], Array<{ column: string; order: 'asc' | 'desc' }>> = {
  '-openedAt': [{ column: 'c.opened_at', order: 'desc' }, { column: 'c.id', order: 'desc' }],
  openedAt: [{ column: 'c.opened_at', order: 'asc' }, { column: 'c.id', order: 'asc' }],
  caseRef: [{ column: 'c.case_ref', order: 'asc' }],
};

/** What a case ref starts with (`CF2026-…`, in either case): such a search text is matched as a prefix of the ref. */
const CASE_REF_START = /^[A-Za-z]{2}\d{4}-/;

/**
 * The cap of the count of a search text of 3 or more characters (1 000, not COUNT_CAP): counting a case means
 * probing each of the text's grams and rechecking the text, ~20 µs a case (bench/README.md "Case handling").
 */
export const TEXT_COUNT_CAP = 1_000;

/** Case-ref prefix per kind: 处罚 CF, 检查 JC, 强制 QZ. */
const REF_PREFIX: Record<CaseKind, string> = { penalty: 'CF', inspection: 'JC', coercion: 'QZ' };

export class CasesRepository {
  constructor(private readonly db: Db) {}

  private base(db: Knex | Knex.Transaction = this.db) {
    return db('app.cases as c')
      .join('app.enforcement_bodies as b', 'b.id', 'c.body_id')
      .join('app.organisations as o', 'o.id', 'b.organisation_id');
  }

  /**
   * Officers, legal reviewers and agency heads see their body's cases; supervisors and administrators the cases of
   * every body in their subtree.
   *
   * A search text (q) and "mine" each drive the list from a table ordered by body and opening time (migration
   * 000028; bench/README.md "Case handling"), so that the page is the first matching entries in order and the capped
   * count an index range: q through app.case_search, "mine" through the viewer's app.case_officers rows.
   */
  async list(scope: AccessScope, userId: number, filter: CaseFilter, page: PageRequest): Promise<Page<CaseSummary>> {
    if (filter.q || filter.mine) return this.listDriven(scope, userId, filter, page);
    const query = this.base().select('c.*', 'b.name as body_name').orderBy(SORTS[filter.sort]);
    if (scope.kind === 'subtree') query.where('o.path', 'like', `${scope.path}%`);
    else query.where('c.body_id', scope.bodyId ?? -1);
    if (filter.bodyId) query.where('c.body_id', filter.bodyId);
    this.caseFilters(query, filter);
    return fetchPage(query, page, toSummary, { countCap: COUNT_CAP });
  }

  /** status, kind, procedure and the opening days (China days, as everywhere the law counts) on `c`. */
  private caseFilters(query: Knex.QueryBuilder, filter: CaseFilter, openedAt = 'c.opened_at'): void {
    if (filter.status) query.where('c.status', filter.status);
    if (filter.kind) query.where('c.kind', filter.kind);
    if (filter.procedure) query.where('c.procedure', filter.procedure);
    if (filter.openedFrom) query.whereRaw(`${openedAt} >= (?::date)::timestamp at time zone 'Asia/Shanghai'`, [filter.openedFrom]);
    if (filter.openedTo) query.whereRaw(`${openedAt} < (?::date + 1)::timestamp at time zone 'Asia/Shanghai'`, [filter.openedTo]);
  }

  /** The bodies a scope (narrowed to filter.bodyId) sees. */
  private async scopeBodies(scope: AccessScope, bodyId: number | undefined): Promise<number[]> {
    let bodies: number[];
    if (scope.kind === 'subtree') {
      const rows = await this.db('app.enforcement_bodies as b').join('app.organisations as o', 'o.id', 'b.organisation_id').where('o.path', 'like', `${scope.path}%`).pluck('b.id');
      bodies = rows.map(Number);
    } else bodies = scope.bodyId ? [scope.bodyId] : [];
    return bodyId ? bodies.filter((b) => b === bodyId) : bodies;
  }

  /**
   * The list driven by the search text or the viewer's officer rows: a derived table `d (opened_at, case_id)` of the
   * candidates of the scope's bodies in opening order, joined to the case only for the page, the case filters and
   * the recheck of a text of 3 or more characters.
   */
  private async listDriven(scope: AccessScope, userId: number, filter: CaseFilter, page: PageRequest): Promise<Page<CaseSummary>> {
    const bodies = await this.scopeBodies(scope, filter.bodyId);
    // one body: its entries come in order from the index; several: merged by a sort
    const inBodies = (column: string) => (bodies.length === 1 ? { sql: `${column} = ?`, bindings: [bodies[0]!] } : { sql: `${column} = any(?::int[])`, bindings: [bodies] });
    let countCap = COUNT_CAP;
    const desc = filter.sort !== 'openedAt';
    const dir = desc ? 'desc' : 'asc';
    let driver: { sql: string; bindings: unknown[] };
    // the case-level conditions beyond the driver: filters, recheck, "mine" when q drives
    let needsCase = Boolean(filter.status || filter.kind || filter.procedure);
    const extra: Array<{ sql: string; bindings: Knex.RawBinding[] }> = [];
    if (filter.q) {
      // 案由 and party names by the text's grams (app.case_search); ID number exactly; a text that starts like a case
      // ref (CF2026-…) as a prefix of the ref on its btree, other ASCII text anywhere in the ref by trigrams
      const q = filter.q;
      const chars = Array.from(q);
      const exact = chars.length <= 2;
      const grams = exact ? [q] : [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
      const refPrefix = CASE_REF_START.test(q.trim());
      const ascii = /^[\x20-\x7e]+$/.test(q);
      const ref = refPrefix
        ? { sql: ' union select id from app.cases where case_ref like ?', bindings: [`${escapeLike(q.trim().toUpperCase())}%`] }
        : ascii
          ? { sql: ' union select id from app.cases where case_ref ilike ?', bindings: [likePattern(q)] }
          : { sql: '', bindings: [] };
      const others = (await this.db.raw<{ rows: Array<{ id: string; opened_at: Date }> }>(
        `select id, opened_at from app.cases where body_id = any(?::int[]) and id = any(array(select case_id from app.case_parties where id_number = ?${ref.sql}))`,
        [bodies, q.trim().toUpperCase(), ...ref.bindings],
      )).rows;
      // a text of 1–2 characters is one gram: its entries are exactly the matches. A longer one is driven by its rarest
      // 2-character gram in the scope (entries counted up to 1 000 per gram; ties by the gram's frequency in the
      // table's statistics), the same document holding its other grams; the case is then rechecked with ilike (the
      // grams can be there without the text), and counted up to TEXT_COUNT_CAP only (each counted case costs a probe
      // per gram and a visit)
      const x = inBodies('x.body_id');
      const driverGram =
        exact
          ? { sql: 'lower(?::text)', bindings: [q] }
          : {
              sql: `(select lower(g) from unnest(?::text[]) g order by (select count(*) from (select 1 from app.case_search x where ${x.sql} and x.gram = lower(g) limit 1000) y),
                       coalesce((select m.f from pg_stats st, unnest(st.most_common_vals::text::text[], st.most_common_freqs) m(v, f)
                                  where st.schemaname = 'app' and st.tablename = 'case_search' and st.attname = 'gram' and m.v = lower(g)), 0), g limit 1)`,
              bindings: [grams, ...x.bindings],
            };
      if (!exact) countCap = TEXT_COUNT_CAP;
      const probes =
        exact
          ? { sql: '', bindings: [] }
          : { sql: ' and not exists (select 1 from unnest(?::text[]) g where not exists (select 1 from app.case_search p where p.case_id = s.case_id and p.doc = s.doc and p.gram = lower(g)))', bindings: [grams] };
      const idsOrRefs = others.length > 0 ? { sql: ` union all select opened_at, id from app.cases where id = any(?::bigint[])`, bindings: [others.map((r) => r.id)] } : { sql: '', bindings: [] };
      const sb = inBodies('s.body_id');
      driver = {
        sql: `select distinct opened_at, case_id from (select s.opened_at, s.case_id from app.case_search s where ${sb.sql} and s.gram = ${driverGram.sql}${probes.sql}${idsOrRefs.sql}) u order by opened_at ${dir}, case_id ${dir}`,
        bindings: [...sb.bindings, ...driverGram.bindings, ...probes.bindings, ...idsOrRefs.bindings],
      };
      if (!exact) {
        needsCase = true;
        const pattern = likePattern(q);
        extra.push({
          sql: '(c.title ilike ? or exists (select 1 from app.case_parties cp where cp.case_id = c.id and cp.name ilike ?) or c.id = any(?::bigint[]))',
          bindings: [pattern, pattern, others.map((r) => r.id)],
        });
      }
      if (filter.mine) {
        needsCase = true;
        extra.push({ sql: 'exists (select 1 from app.case_officers co where co.case_id = c.id and co.user_id = ?)', bindings: [userId] });
      }
    } else {
      const ob = inBodies('body_id');
      driver = { sql: `select opened_at, case_id from app.case_officers where user_id = ? and ${ob.sql} order by opened_at ${dir}, case_id ${dir}`, bindings: [userId, ...ob.bindings] };
    }
    const derived = this.db.raw(`(${driver.sql}) as d`, driver.bindings as never);
    const order = filter.sort === 'caseRef' ? [{ column: 'c.case_ref', order: 'asc' as const }] : [{ column: 'd.opened_at', order: dir }, { column: 'd.case_id', order: dir }];
    const pageQuery = this.db
      .from(derived)
      .join('app.cases as c', 'c.id', 'd.case_id')
      .join('app.enforcement_bodies as b', 'b.id', 'c.body_id')
      .select('c.*', 'b.name as body_name')
      .orderBy(order)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const matching = this.db.from(derived).select(this.db.raw('1')).limit(countCap + 1);
    if (needsCase) matching.join('app.cases as c', 'c.id', 'd.case_id');
    for (const q of [pageQuery, matching] as Knex.QueryBuilder[]) {
      this.caseFilters(q, filter, 'd.opened_at');
      for (const e of extra) q.whereRaw(e.sql, e.bindings as readonly Knex.RawBinding[]);
    }
    const countQuery = this.db.count<{ count: number }[]>({ count: '*' }).from(matching.as('matching'));
    const [rows, counted] = await Promise.all([pageQuery, countQuery]);
    const count = Number(counted[0]?.count ?? 0);
    return { items: (rows as SummaryRow[]).map(toSummary), page: page.page, pageSize: page.pageSize, total: Math.min(count, countCap), totalCapped: count > countCap };
  }

  /** The open cases in a scope with their instance, for the status sync (most recent first, at most `limit`). */
  async openInScope(scope: AccessScope, limit: number): Promise<Array<{ id: number; caseRef: string; procedure: string; status: CaseStatus; processInstanceKey: string | null; currentStep: string | null }>> {
    const query = this.base()
      .whereIn('c.status', ['open', 'suspended'])
      .whereNotNull('c.process_instance_key')
      .orderBy([{ column: 'c.opened_at', order: 'desc' }])
      .limit(limit)
      .select('c.id', 'c.case_ref', 'c.procedure', 'c.status', 'c.current_step', this.db.raw('c.process_instance_key::text as process_instance_key'));
    if (scope.kind === 'subtree') query.where('o.path', 'like', `${scope.path}%`);
    else query.where('c.body_id', scope.bodyId ?? -1);
    const rows = await query;
    return rows.map((r) => ({ id: Number(r.id), caseRef: r.case_ref, procedure: r.procedure, status: r.status, processInstanceKey: r.process_instance_key, currentStep: r.current_step }));
  }

  async find(id: number): Promise<CaseRecord | undefined> {
    const row = (await this.base()
      .leftJoin('app.users as u', 'u.id', 'c.opened_by')
      .select('c.*', this.db.raw('c.process_instance_key::text as process_instance_key'), this.db.raw('c.process_definition_key::text as process_definition_key'), 'b.name as body_name', 'o.path as organisation_path', 'u.display_name as opened_by_name')
      .where('c.id', id)
      .first()) as DetailRow | undefined;
    if (!row) return undefined;
    const [parties, officers, items] = await Promise.all([
      this.db('app.case_parties').where({ case_id: id }).orderBy('position'),
      this.db('app.case_officers as co').join('app.users as u', 'u.id', 'co.user_id').where('co.case_id', id).orderByRaw(`co.role = 'lead' desc, u.id`).select('co.user_id', 'co.role', 'u.display_name'),
      this.db('app.case_items as ci').join('app.enforcement_items as i', 'i.id', 'ci.item_id').where('ci.case_id', id).orderBy('i.code').select('i.id', 'i.code', 'i.name'),
    ]);
    return {
      ...toSummary(row),
      facts: row.facts,
      amounts: row.amounts,
      processInstanceKey: row.process_instance_key,
      parties: parties.map((p) => ({
        type: p.type,
        name: p.name,
        idType: p.id_type,
        idNumber: p.id_number,
        legalRepresentative: p.legal_representative,
        address: p.address,
        phone: p.phone,
        electronicService: p.electronic_service,
      })),
      officers: officers.map((o) => ({ userId: o.user_id, displayName: o.display_name, role: o.role })),
      items: items.map((i) => ({ id: i.id, code: i.code, name: i.name })),
      openedBy: row.opened_by ? { id: row.opened_by, displayName: row.opened_by_name ?? '' } : null,
      closedAt: row.closed_at ? row.closed_at.toISOString() : null,
      organisationPath: row.organisation_path,
      processDefinitionKey: row.process_definition_key,
      officerIds: officers.map((o) => o.user_id as number),
    };
  }

  /**
   * Inserts the case with its parties, officers, items and the 'opened' event, numbering it in the same transaction:
   * `<CF|JC|QZ><year>-<body id, 3 digits>-<sequence, at least 4 digits>` (e.g. CF2026-012-0007, then …-9999,
   * …-10000), counted per body, kind and year under an advisory lock, so two officers opening at once get
   * consecutive numbers.
   */
  async create(input: Omit<NewCase, 'caseRef'>, year: string): Promise<{ id: number; caseRef: string }> {
    return this.db.transaction(async (trx) => {
      const prefix = `${REF_PREFIX[input.kind]}${year}-${String(input.bodyId).padStart(3, '0')}-`;
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`app.cases:${prefix}`]);
      // the largest sequence as a number: past 9999 the refs grow a digit, and as text '…-10000' < '…-9999'
      const last = await trx.raw<{ rows: Array<{ last: string | null }> }>(
        `select max(substr(case_ref, ?)::bigint) as last from app.cases where case_ref like ? and substr(case_ref, ?) ~ '^[0-9]+$'`,
        [prefix.length + 1, `${prefix}%`, prefix.length + 1],
      );
      const next = Number(last.rows[0]?.last ?? 0) + 1;
      const caseRef = `${prefix}${String(next).padStart(4, '0')}`;
      const [row] = await trx('app.cases')
        .insert({
          case_ref: caseRef,
          kind: input.kind,
          procedure: input.procedure,
          body_id: input.bodyId,
          field: input.field,
          title: input.title,
          facts: input.facts,
          amounts: JSON.stringify(input.amounts),
          party_name: input.parties[0]?.name ?? '',
          opened_by: input.openedBy,
          opened_at: input.openedAt,
          updated_at: input.openedAt,
        })
        .returning('id');
      const id = Number(row.id);
      await trx('app.case_parties').insert(
        input.parties.map((p, position) => ({
          case_id: id,
          position,
          type: p.type,
          name: p.name,
          id_type: p.idType,
          id_number: p.idNumber,
          legal_representative: p.legalRepresentative,
          address: p.address,
          phone: p.phone,
          electronic_service: JSON.stringify(p.electronicService),
        })),
      );
      await trx('app.case_officers').insert(input.officerIds.map((userId, i) => ({ case_id: id, user_id: userId, role: i === 0 ? 'lead' : 'assistant' })));
      if (input.itemIds.length > 0) await trx('app.case_items').insert(input.itemIds.map((itemId) => ({ case_id: id, item_id: itemId })));
      await trx('app.case_events').insert({ case_id: id, at: input.openedAt, actor_id: input.openedBy, type: 'opened', summary: `立案登记：${input.title}`, data: JSON.stringify({ procedure: input.procedure, caseRef }) });
      return { id, caseRef };
    });
  }

  async setProcess(id: number, processInstanceKey: string, processDefinitionKey: string): Promise<void> {
    await this.db('app.cases').where({ id }).update({ process_instance_key: processInstanceKey, process_definition_key: processDefinitionKey });
  }

  /** Removes a case whose procedure the engine refused to start: it never existed for anyone. */
  async discard(id: number): Promise<void> {
    await this.db('app.cases').where({ id }).del();
  }

  async update(id: number, patch: { title?: string; facts?: string; amounts?: Record<string, unknown> }, at: Date): Promise<void> {
    const changes: Record<string, unknown> = { updated_at: at };
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.facts !== undefined) changes.facts = patch.facts;
    if (patch.amounts !== undefined) changes.amounts = JSON.stringify(patch.amounts);
    await this.db('app.cases').where({ id }).update(changes);
  }

  async addEvent(caseId: number, event: { actorId: number | null; type: string; summary: string; data?: Record<string, unknown>; at: Date }): Promise<void> {
    await this.db('app.case_events').insert({ case_id: caseId, at: event.at, actor_id: event.actorId, type: event.type, summary: event.summary, data: JSON.stringify(event.data ?? {}) });
  }

  /** Sets the status the procedure reached (status sync); closed_at when it ended. */
  async setStatus(id: number, status: CaseStatus, closedAt: Date | null): Promise<void> {
    await this.db('app.cases').where({ id }).update({ status, closed_at: closedAt, updated_at: this.db.fn.now() });
  }

  /** Re-links a case to the instance its procedure continued in (penalty-summary converted to penalty-ordinary). */
  async relink(id: number, procedure: string, processInstanceKey: string, processDefinitionKey: string): Promise<void> {
    await this.db('app.cases').where({ id }).update({ procedure, process_instance_key: processInstanceKey, process_definition_key: processDefinitionKey, updated_at: this.db.fn.now() });
  }

  async setCurrentStep(id: number, step: { elementId: string; name: string } | null): Promise<void> {
    await this.db('app.cases')
      .where({ id })
      .update({ current_step: step?.elementId ?? null, current_step_name: step?.name ?? null });
  }
}
