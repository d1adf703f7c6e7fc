/**
 * Opening a case (案件立案登记) and keeping its status in step with its procedure on the engine.
 *
 * Opening: the request is checked against the domain (the body is the caller's; the enforcement items are the body's
 * own or delegated to it and of the case's kind; at least two officers of the body hold a 执法证 valid today for the
 * field, 《行政处罚法》第四十二条), the case is stored and numbered, and then its procedure is started with
 * CreateProcessInstance and the start variables processes/README.md lists ("In:") for it. The case row is committed
 * before the start, so the user-task worker finds it by case_ref when the first task arrives; if the engine refuses,
 * the case is removed again and the client gets a 502/503 problem.
 */
import type { JSONDoc, ZBClient } from 'zeebe-node';
import type { Db } from '../../db/connect.js';
import { checkCreditCode, checkResidentIdNumber } from '../../legal/identity.js';
import { chinaToday } from '../clock.js';
import { ForbiddenError, HttpProblem, ValidationError, type ProblemFieldError } from '../errors.js';
import type { CaseKind, CaseParty, CaseStatus, CasesRepository, IdType, PartyType } from '../repositories/cases-repository.js';
import type { AuthUser, Field } from '../roles.js';
import { checkCertificate } from './certificate-check.js';
import { waitingStep } from './case-engine-view.js';
import type { Services } from './container.js';

/** Procedures a case can be opened with, and the kind of case each belongs to. */
export const PROCEDURES: Readonly<Record<string, CaseKind>> = {
  'penalty-ordinary': 'penalty',
  'penalty-summary': 'penalty',
  inspection: 'inspection',
  'coercive-measure': 'coercion',
};

export interface PartyInput {
  type: PartyType;
  name: string;
  idType: IdType;
  idNumber: string;
  legalRepresentative?: string;
  address?: string;
  phone?: string;
  electronicService?: Record<string, unknown>;
}

export interface OpenCaseInput {
  kind: CaseKind;
  procedure: string;
  bodyId?: number;
  field?: Field;
  title: string;
  facts?: string;
  amounts?: Record<string, unknown>;
  itemIds: number[];
  parties: PartyInput[];
  officerIds: number[];
  variables?: Record<string, unknown>;
}

/** A 502 when the engine answered with a refusal, a 503 when it could not be reached (or is not configured). */
export class EngineProblem extends HttpProblem {
  constructor(status: 502 | 503, detail: string) {
    super(status, status === 502 ? 'Bad gateway' : 'Service unavailable', detail);
  }
}

export function requireEngine(services: Services): ZBClient {
  if (!services.zeebe) throw new EngineProblem(503, 'Expected the process engine to be configured, but the API runs without a gateway client: case handling is unavailable');
  return services.zeebe;
}

/** gRPC status codes that mean "not reachable" rather than "refused". */
const UNAVAILABLE_CODES = new Set([1, 4, 14]);

export function engineFailure(error: unknown, what: string): EngineProblem {
  const e = error as { code?: number; details?: string; message?: string };
  const reason = e.details ?? e.message ?? String(error);
  return new EngineProblem(e.code !== undefined && UNAVAILABLE_CODES.has(e.code) ? 503 : 502, `Expected the process engine to ${what}, but it answered: ${reason}`);
}

/** The field as the diagrams and decision tables name it: `urban_management` → `urban-management`, 市场监管 `market-supervision`. */
export function diagramField(field: string): string {
  return field === 'market_regulation' ? 'market-supervision' : field.replace(/_/g, '-');
}

export interface BodyContext {
  id: number;
  name: string;
  field: Field;
  organisationId: number;
  organisationName: string;
  organisationPath: string;
  level: 'city' | 'county' | 'township';
  /** Names from the city down to the body's organisation (三明市, 三元区, 列东街道). */
  chain: Array<{ name: string; level: string }>;
}

export async function loadBody(db: Db, bodyId: number): Promise<BodyContext | undefined> {
  const row = await db('app.enforcement_bodies as b').join('app.organisations as o', 'o.id', 'b.organisation_id').where('b.id', bodyId).first('b.id', 'b.name', 'b.field', 'o.id as organisation_id', 'o.name as organisation_name', 'o.path', 'o.level');
  if (!row) return undefined;
  const ids = String(row.path).split('/').filter(Boolean).map(Number).filter((n) => Number.isInteger(n));
  const chainRows = ids.length > 0 ? await db('app.organisations').whereIn('id', ids).select('id', 'name', 'level') : [];
  const order: Record<string, number> = { city: 0, county: 1, township: 2 };
  const chain = (chainRows.length > 0 ? chainRows : [{ name: row.organisation_name, level: row.level }])
    .map((r) => ({ name: r.name as string, level: r.level as string }))
    .sort((a, b) => order[a.level]! - order[b.level]!);
  return { id: row.id, name: row.name, field: row.field, organisationId: row.organisation_id, organisationName: row.organisation_name, organisationPath: row.path, level: row.level, chain };
}

/**
 * The remedies printed on decisions (处罚法 Art 59(5)) when the request names none: reconsideration by the people's
 * government at the body's level — for a township (街道办事处, 乡镇人民政府) the county's (《行政复议法》第二十四条) —
 * and litigation at the basic people's court of the county (《行政诉讼法》第十四条、第十八条). A city-level body must
 * name its court (the basic court depends on where it sits): `variables.remedies.litigationCourt`.
 */
export function deriveRemedies(body: Pick<BodyContext, 'level' | 'chain'>, given: Record<string, unknown> | undefined): { remedies: { reconsiderationAuthority: string; litigationCourt: string } | null; missing: string[] } {
  const city = body.chain.find((c) => c.level === 'city')?.name ?? '';
  const county = body.chain.find((c) => c.level === 'county')?.name;
  const authority = typeof given?.reconsiderationAuthority === 'string' ? given.reconsiderationAuthority : county ? `${city}${county}人民政府` : `${city}人民政府`;
  const court = typeof given?.litigationCourt === 'string' ? given.litigationCourt : county ? `${city}${county}人民法院` : null;
  if (!court) return { remedies: null, missing: ['litigationCourt'] };
  return { remedies: { reconsiderationAuthority: authority, litigationCourt: court }, missing: [] };
}

function problem(path: string, message: string, keyword: string): ProblemFieldError {
  return { path, message, keyword };
}

/** Parties: the type of number fits the type of party, and resident ID numbers and credit codes are well-formed. */
export function partyErrors(parties: PartyInput[], today: string): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  parties.forEach((party, i) => {
    const at = `/body/parties/${i}`;
    if (party.type === 'natural-person' && party.idType === 'credit-code') errors.push(problem(`${at}/idType`, 'a natural person has a resident ID number, passport or other document, not a credit code', 'idType'));
    if (party.type === 'organisation' && (party.idType === 'resident-id' || party.idType === 'passport')) errors.push(problem(`${at}/idType`, 'an organisation is identified by its unified social credit code (or other)', 'idType'));
    if (party.idType === 'resident-id') {
      const check = checkResidentIdNumber(party.idNumber, { asOf: today });
      if (!check.valid) errors.push(problem(`${at}/idNumber`, `is not a valid resident ID number (GB 11643): ${check.text.en}`, `resident-id:${check.problem}`));
    }
    if (party.idType === 'credit-code') {
      const check = checkCreditCode(party.idNumber);
      if (!check.valid) errors.push(problem(`${at}/idNumber`, `is not a valid unified social credit code (GB 32100): ${check.text.en}`, `credit-code:${check.problem}`));
    }
  });
  return errors;
}

/** An officer's 执法证 check for a case: valid today for the case's field or the body's (《行政处罚法》第四十二条). */
async function caseCertificate(services: Services, userId: number, displayName: string, field: Field, bodyField: Field, today: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const held = await services.certificates.listForUser(userId, today);
  const checks = [...new Set([field, bodyField])].map((f) => checkCertificate(held, f, today, displayName));
  return checks.find((c) => c.ok) ? { ok: true } : { ok: false, reason: (checks[0] as { reason: string }).reason };
}

/** One of the body's officers, as the pickers of a case offer them. */
export interface OfficerOption {
  id: number;
  username: string;
  displayName: string;
  /** Holds a 执法证 valid today for the field (or the body's). */
  certificateValid: boolean;
}

/**
 * The active officers of a body with their certificate check for a field: the case's `availableOfficers` (every one
 * of them, for the pickers of the forms) and GET /cases/officer-options (the new-case page).
 */
export async function bodyOfficers(services: Services, body: Pick<BodyContext, 'id' | 'field'>, field: Field, today: string): Promise<OfficerOption[]> {
  const rows = await services.db('app.users').where({ body_id: body.id, active: true }).whereRaw(`'officer' = any(roles)`).orderBy('id').select('id', 'username', 'display_name');
  const out: OfficerOption[] = [];
  for (const r of rows) {
    const check = await caseCertificate(services, r.id as number, r.display_name as string, field, body.field, today);
    out.push({ id: r.id as number, username: r.username as string, displayName: r.display_name as string, certificateValid: check.ok });
  }
  return out;
}

interface OfficerRecord {
  id: number;
  username: string;
  displayName: string;
}

interface Checked {
  body: BodyContext;
  field: Field;
  officers: OfficerRecord[];
  parties: CaseParty[];
  remedies: { reconsiderationAuthority: string; litigationCourt: string };
  availableOfficers: Array<{ label: string; value: string }>;
}

/** Everything the domain requires before a case may be opened; every finding at once, with its path. */
async function checkOpening(services: Services, user: AuthUser, input: OpenCaseInput): Promise<Checked> {
  const db = services.db;
  const today = chinaToday(services.clock);
  const bodyId = input.bodyId ?? user.bodyId;
  if (!bodyId) throw new ValidationError('Expected the enforcement body of the case, but none was given and the user belongs to none', [problem('/body/bodyId', 'is required for a user without a body', 'required')]);
  if (user.bodyId !== bodyId) throw new ForbiddenError(`Expected user '${user.username}' to open cases for their own enforcement body, but body ${bodyId} is not theirs`);
  const body = (await loadBody(db, bodyId))!;

  const errors: ProblemFieldError[] = [];
  if (PROCEDURES[input.procedure] !== input.kind) {
    errors.push(problem('/body/procedure', `procedure '${input.procedure}' does not belong to a case of kind '${input.kind}'`, 'procedure'));
  }
  errors.push(...partyErrors(input.parties, today));

  // enforcement items: the body's own, or delegated to townships by a body above this township (赋权乡镇)
  const items = input.itemIds.length > 0
    ? await db('app.enforcement_items as i').join('app.enforcement_bodies as b', 'b.id', 'i.body_id').join('app.organisations as o', 'o.id', 'b.organisation_id').whereIn('i.id', input.itemIds)
        .select('i.id', 'i.type', 'i.body_id', 'i.delegated_to_township', 'i.valid_from', 'i.valid_to', 'o.path', 'b.field')
    : [];
  const delegatingFields: Field[] = [];
  input.itemIds.forEach((itemId, i) => {
    const item = items.find((x) => x.id === itemId);
    const at = `/body/itemIds/${i}`;
    if (!item) return errors.push(problem(at, `enforcement item ${itemId} does not exist`, 'exists'));
    const own = item.body_id === body.id;
    const delegated = !own && item.delegated_to_township && body.level === 'township' && body.organisationPath.startsWith(item.path);
    if (!own && !delegated) return errors.push(problem(at, `enforcement item ${itemId} is neither an item of body ${body.id} nor delegated to it`, 'body'));
    if (item.type !== input.kind) errors.push(problem(at, `enforcement item ${itemId} is a ${item.type} item, not a ${input.kind} item`, 'kind'));
    if (item.valid_from > today || (item.valid_to && item.valid_to < today)) errors.push(problem(at, `enforcement item ${itemId} is not in force on ${today}`, 'validity'));
    if (delegated) delegatingFields.push(item.field);
    return undefined;
  });
  // a township's comprehensive enforcement acts in the field of the powers delegated to it
  const field: Field = input.field ?? (body.field === 'township_comprehensive' && delegatingFields[0] ? delegatingFields[0] : body.field);

  // officers: of the body, active, role officer, a 执法证 valid today for the case's field or the body's (处罚法 Art 42)
  const userRows = await db('app.users').whereIn('id', input.officerIds).select('id', 'username', 'display_name', 'roles', 'body_id', 'active');
  const officers: OfficerRecord[] = [];
  for (const [i, officerId] of input.officerIds.entries()) {
    const at = `/body/officerIds/${i}`;
    const u = userRows.find((r) => r.id === officerId);
    if (!u || u.body_id !== body.id) {
      errors.push(problem(at, `user ${officerId} is not an officer of body ${body.id}`, 'body'));
      continue;
    }
    if (!u.active || !(u.roles as string[]).includes('officer')) {
      errors.push(problem(at, `user '${u.username}' is not an active officer`, 'role'));
      continue;
    }
    const check = await caseCertificate(services, u.id, u.display_name, field, body.field, today);
    if (!check.ok) {
      errors.push(problem(at, check.reason, 'certificate'));
      continue;
    }
    officers.push({ id: u.id, username: u.username, displayName: u.display_name });
  }

  const remedies = deriveRemedies(body, input.variables?.remedies as Record<string, unknown> | undefined);
  for (const key of remedies.missing) errors.push(problem(`/body/variables/remedies/${key}`, 'is required for a city-level body (the basic people’s court depends on where it sits)', 'required'));
  if (errors.length > 0) throw new ValidationError('The case cannot be opened as requested', errors);

  const available = await bodyOfficers(services, body, field, today);
  const parties: CaseParty[] = input.parties.map((p) => ({
    type: p.type,
    name: p.name,
    idType: p.idType,
    idNumber: p.idType === 'resident-id' || p.idType === 'credit-code' ? p.idNumber.trim().toUpperCase() : p.idNumber.trim(),
    legalRepresentative: p.legalRepresentative ?? null,
    address: p.address ?? null,
    phone: p.phone ?? null,
    electronicService: p.electronicService ?? { consented: false, confirmationSigned: false },
  }));
  return { body, field, officers, parties, remedies: remedies.remedies!, availableOfficers: available.map((a) => ({ label: a.displayName, value: a.username })) };
}

/** The party as every diagram reads it: `idNumber` always, `creditCode` too for an organisation (inspection). */
function partyVariable(party: CaseParty): Record<string, unknown> {
  return {
    type: party.type,
    name: party.name,
    address: party.address ?? '',
    idNumber: party.idNumber,
    ...(party.idType === 'credit-code' ? { creditCode: party.idNumber } : {}),
    ...(party.legalRepresentative ? { legalRepresentative: party.legalRepresentative } : {}),
    ...(party.phone ? { phone: party.phone } : {}),
    electronicService: party.electronicService,
  };
}

/**
 * The start variables of each procedure, exactly as processes/README.md ("In:") lists them. The request's
 * `variables` supply what only the officer knows (`clue`, `inspection`, `measure`, `violation`, …); what the
 * platform knows (caseId, body, field, party, officers, remedies) is set here and wins over the request.
 */
export function startVariables(procedure: string, context: { caseRef: string; title: string; facts: string; nowIso: string } & Checked, requested: Record<string, unknown> = {}): Record<string, unknown> {
  const { body, field, officers, parties, remedies, availableOfficers, caseRef } = context;
  const common = {
    caseId: caseRef,
    bodyId: body.id,
    bodyName: body.name,
    field: diagramField(field),
    party: partyVariable(parties[0]!),
    remedies,
    availableOfficers,
    officers: officers.map((o) => o.username),
  };
  const agencyEnforcementPower = typeof requested.agencyEnforcementPower === 'boolean' ? requested.agencyEnforcementPower : false;
  switch (procedure) {
    case 'penalty-ordinary':
      return {
        ...requested,
        ...common,
        caseCause: typeof requested.caseCause === 'string' ? requested.caseCause : context.title,
        clue: { source: 'officer', receivedAt: context.nowIso, summary: context.facts || context.title, ...(requested.clue as object | undefined) },
        agencyEnforcementPower,
      };
    case 'penalty-summary':
      return {
        amountDependsOnIncome: false,
        onSpotCollection: false,
        mitigation: { reduced: false },
        ...requested,
        ...common,
        caseCause: typeof requested.caseCause === 'string' ? requested.caseCause : context.title,
        actAt: typeof requested.actAt === 'string' ? requested.actAt : context.nowIso,
        violation: { facts: context.facts, ...(requested.violation as object | undefined) },
        agencyEnforcementPower,
      };
    case 'inspection':
      return { ...requested, ...common };
    case 'coercive-measure':
      return {
        onTheSpot: false,
        ...requested,
        ...common,
        measureId: typeof requested.measureId === 'string' ? requested.measureId : `${caseRef}/M1`,
        actAt: typeof requested.actAt === 'string' ? requested.actAt : context.nowIso,
      };
    default:
      throw new Error(`Expected a supported procedure, but got '${procedure}'`);
  }
}

/** China time of an instant as the forms write it: 2026-09-21T09:00:00+08:00. */
export function chinaIso(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/** Opens the case and starts its procedure; returns the case id. */
export async function openCase(services: Services, cases: CasesRepository, user: AuthUser, input: OpenCaseInput): Promise<number> {
  const zeebe = requireEngine(services);
  const checked = await checkOpening(services, user, input);
  const now = services.clock.now();
  const year = chinaToday(services.clock).slice(0, 4);
  const { id, caseRef } = await cases.create(
    {
      kind: input.kind,
      procedure: input.procedure,
      bodyId: checked.body.id,
      field: checked.field,
      title: input.title,
      facts: input.facts ?? '',
      amounts: input.amounts ?? {},
      parties: checked.parties,
      officerIds: checked.officers.map((o) => o.id),
      itemIds: input.itemIds,
      openedBy: user.id,
      openedAt: now,
    },
    year,
  );
  const variables = startVariables(input.procedure, { ...checked, caseRef, title: input.title, facts: input.facts ?? '', nowIso: chinaIso(now) }, input.variables);
  let started: { processInstanceKey: string; processDefinitionKey: string };
  try {
    started = await zeebe.createProcessInstance({ bpmnProcessId: input.procedure, variables: variables as JSONDoc });
  } catch (error) {
    // nothing refers to the case yet (no task, no document): it is removed, so no half-opened case is left
    await cases.discard(id);
    throw engineFailure(error, `start procedure '${input.procedure}' for case ${caseRef}`);
  }
  await cases.setProcess(id, String(started.processInstanceKey), String(started.processDefinitionKey));
  return id;
}

// ---- status sync ----

interface EndRecord {
  key: string;
  intent: 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATED';
  timestamp: string;
}

/**
 * The status a finished procedure leaves the case in: cancelled → terminated; penalty-ordinary by its decision
 * (`decision.outcome` terminated → terminated; transfer-jurisdiction, or transfer-criminal accepted by the police →
 * transferred); anything else that completed → closed.
 */
export function endedStatus(procedure: string, intent: EndRecord['intent'], variables: Record<string, unknown>): CaseStatus {
  if (intent === 'ELEMENT_TERMINATED') return 'terminated';
  if (procedure === 'penalty-ordinary') {
    const outcome = (variables.decision as { outcome?: string } | undefined)?.outcome;
    if (outcome === 'terminated') return 'terminated';
    if (outcome === 'transfer-jurisdiction') return 'transferred';
    if (outcome === 'transfer-criminal' && variables.transferOutcome === 'accepted') return 'transferred';
  }
  return 'closed';
}

/** The last value of each named root variable of an instance, from the record stream (the instance may be gone). */
async function lastVariables(db: Db, processInstanceKey: string, names: string[]): Promise<Record<string, unknown>> {
  const r = await db.raw(
    `select distinct on (payload->>'name') payload->>'name' as name, payload->'value' as value
       from engine.records
      where process_instance_key = ? and value_type = 'VARIABLE' and payload->>'name' = any(?) and payload->>'scopeKey' = ?
      order by payload->>'name', position desc`,
    [processInstanceKey, names, processInstanceKey],
  );
  return Object.fromEntries((r.rows as Array<{ name: string; value: unknown }>).map((row) => [row.name, row.value]));
}

/**
 * Brings the status of open cases in line with the engine ("check on read"): a case whose root instance has
 * completed or been terminated gets its final status and closed_at (the end record's time). A penalty-summary case
 * that ended in `converted-to-ordinary` is re-linked to the penalty-ordinary instance the message started with the same
 * caseId, and stays open. The current step is the most recent open user task of the case. Returns whether anything
 * changed. Works against the embedded engine's record stream; with an external Zeebe an exporter must fill
 * engine.records (docs/case-handling.md).
 */
export async function syncCases(db: Db, cases: CasesRepository, rows: Array<{ id: number; caseRef: string; procedure: string; status: CaseStatus; processInstanceKey: string | null; currentStep: string | null }>): Promise<boolean> {
  const open = rows.filter((c) => (c.status === 'open' || c.status === 'suspended') && c.processInstanceKey);
  if (open.length === 0) return false;
  let changed = false;
  const keys = open.map((c) => c.processInstanceKey!);
  const ends = (await db.raw(
    `select key::text as key, intent, timestamp::text as timestamp from engine.records
      where process_instance_key = any(?::bigint[]) and key = process_instance_key and value_type = 'PROCESS_INSTANCE' and intent in ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')`,
    [keys],
  )).rows as EndRecord[];
  for (const c of open) {
    const end = ends.find((e) => e.key === c.processInstanceKey);
    if (!end) continue;
    if (c.procedure === 'penalty-summary' && end.intent === 'ELEMENT_COMPLETED') {
      const converted = await db.raw(
        `select 1 from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' and payload->>'elementId' = 'converted-to-ordinary' limit 1`,
        [c.processInstanceKey],
      );
      if (converted.rows.length > 0) {
        const next = await db.raw(
          `select r.process_instance_key::text as key, r.payload->>'processDefinitionKey' as definition from engine.records r
            where r.value_type = 'VARIABLE' and r.payload->>'name' = 'caseId' and r.payload->'value' = to_jsonb(?::text)
              and r.process_instance_key <> ? and r.payload->>'scopeKey' = r.process_instance_key::text
            order by r.position desc limit 1`,
          [c.caseRef, c.processInstanceKey],
        );
        const row = next.rows[0] as { key: string } | undefined;
        if (row) {
          const def = await db.raw(`select payload->>'processDefinitionKey' as definition, payload->>'bpmnProcessId' as process from engine.records where key = ? and value_type = 'PROCESS_INSTANCE' limit 1`, [row.key]);
          const d = def.rows[0] as { definition: string; process: string } | undefined;
          if (d?.process === 'penalty-ordinary') {
            await cases.relink(c.id, 'penalty-ordinary', row.key, d.definition);
            await cases.addEvent(c.id, { actorId: null, type: 'procedure-converted', summary: '简易程序转为普通程序', data: { from: c.processInstanceKey, to: row.key }, at: new Date() });
            changed = true;
            continue;
          }
        }
      }
    }
    const variables = c.procedure === 'penalty-ordinary' ? await lastVariables(db, c.processInstanceKey!, ['decision', 'transferOutcome']) : {};
    const status = endedStatus(c.procedure, end.intent, variables);
    const closedAt = new Date(Number(end.timestamp));
    await cases.setStatus(c.id, status, closedAt);
    await cases.setCurrentStep(c.id, null);
    await cases.addEvent(c.id, { actorId: null, type: status === 'closed' ? 'closed' : status, summary: status === 'closed' ? '程序办结，案件结案' : status === 'terminated' ? '程序终止' : '案件已移送', data: { processInstanceKey: c.processInstanceKey }, at: closedAt });
    changed = true;
  }
  // the step the case is at: the most recent open user task of the case (its instance or a called one)
  const steps = (await db.raw(
    `select distinct on (case_id) case_id, element_id, name from app.tasks where case_id = any(?::bigint[]) and state = 'created' order by case_id, created_at desc, id desc`,
    [open.map((c) => c.id)],
  )).rows as Array<{ case_id: number; element_id: string; name: string }>;
  for (const step of steps) {
    const c = open.find((x) => x.id === Number(step.case_id));
    if (c && c.currentStep !== step.element_id) {
      await cases.setCurrentStep(c.id, { elementId: step.element_id, name: step.name });
      changed = true;
    }
  }
  // no open user task: the case waits (for the party, a period, a called procedure) — say where
  for (const c of open) {
    if (steps.some((step) => Number(step.case_id) === c.id) || ends.some((e) => e.key === c.processInstanceKey)) continue;
    const waiting = await waitingStep(db, c.processInstanceKey!, c.procedure);
    if (waiting && waiting.elementId !== c.currentStep) {
      await cases.setCurrentStep(c.id, waiting);
      changed = true;
    }
  }
  return changed;
}
