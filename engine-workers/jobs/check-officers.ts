/**
 * check-officers: the officers named for an enforcement act are qualified to do it (《行政处罚法》第四十二条: at least two
 * officers holding a 执法证; 《行政强制法》第十七条、第十八条: coercive measures by the body's own qualified officers only;
 * 国办发〔2024〕54号: no inspection by staff without enforcement qualification).
 *
 * Every officer named must be:
 * - a user (by id or login name) who is active and has the role `officer`;
 * - the holder of a 执法证 (app.certificates) that is valid on the day of the act (valid_from ≤ day ≤ valid_to, China
 *   time) and covers the case's field: the diagram's `field` (`urban-management` is recorded as `urban_management`,
 *   `market-supervision` as `market_regulation`), or the field of the acting body (`bodyId`, app.enforcement_bodies.field:
 *   a 乡镇综合执法 body's officers hold `township_comprehensive` certificates for the matters granted to it);
 * - with `nonDelegable` (coercive measures), an officer of the acting body itself (users.body_id = bodyId).
 * and there must be at least `minOfficers` (default 2) distinct officers. Otherwise the BPMN error OFFICERS_NOT_QUALIFIED
 * names each officer who is not qualified and why, and the boundary event leads to the choice of other officers.
 *
 * In:  officers (user ids or login names), actDate (the day of the act: date or date-time), field; headers minOfficers
 *      (default 2) and nonDelegable (default false); bodyId (the process variable of every procedure; needed with
 *      nonDelegable).
 * Out: {} · error OFFICERS_NOT_QUALIFIED with variable officersCheck { actDate, fields, minOfficers, qualified, refused }.
 */
import { chinaDate } from '../../legal/china-time.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { bpmnError, complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import type { OfficerRecord, OfficerRef } from '../ports/officers.js';
import { variableParser } from '../variables.js';

export interface CheckOfficersInput {
  officers: OfficerRef[];
  actDate: string;
  field: string;
  minOfficers: number;
  nonDelegable: boolean;
  bodyId?: number;
}

export interface CheckOfficersPlan {
  /** The day of the act in China, YYYY-MM-DD. */
  actDay: string;
  /** The case's field as certificates record it. */
  field: string;
  minOfficers: number;
  nonDelegable: boolean;
  bodyId: number | null;
  /** The officers as named, without repeats. */
  refs: OfficerRef[];
}

export type OfficerProblemCode = 'unknown-user' | 'inactive' | 'not-an-officer' | 'other-body' | 'no-certificate' | 'wrong-field' | 'expired' | 'not-yet-valid';

export interface RefusedOfficer {
  /** As the diagram named the officer. */
  officer: OfficerRef;
  userId: number | null;
  name: string | null;
  problems: Array<{ code: OfficerProblemCode; text: string }>;
}

export interface OfficersCheck {
  actDate: string;
  fields: string[];
  minOfficers: number;
  qualified: Array<{ userId: number; name: string }>;
  refused: RefusedOfficer[];
  /** Set when fewer than minOfficers distinct officers are named (qualified or not). */
  tooFew: boolean;
}

export const OFFICERS_NOT_QUALIFIED = 'OFFICERS_NOT_QUALIFIED';

/**
 * The diagrams name fields as the discretion tables do (`urban-management`, `market-supervision`); the platform's
 * bodies and certificates record them as `urban_management`, `market_regulation` (api/roles.ts FIELDS).
 */
const CERTIFICATE_FIELD: Readonly<Record<string, string>> = { 'market-supervision': 'market_regulation' };

export function certificateField(field: string): string {
  return CERTIFICATE_FIELD[field] ?? field.replace(/-/g, '_');
}

const parse = variableParser<CheckOfficersInput>(
  'check-officers',
  {
    type: 'object',
    required: ['officers', 'actDate', 'field'],
    properties: {
      officers: { type: 'array', items: { type: ['integer', 'string'], minimum: 1, minLength: 1 }, default: [] },
      actDate: { type: 'string', format: 'instant' },
      field: { type: 'string', pattern: '^[a-z]+([-_][a-z]+)*$' },
      minOfficers: { type: 'integer', minimum: 1, maximum: 20, default: 2 },
      nonDelegable: { type: 'boolean', default: false },
      bodyId: { type: 'integer', minimum: 1 },
    },
    if: { properties: { nonDelegable: { const: true } }, required: ['nonDelegable'] },
    then: { required: ['bodyId'] },
  },
  { headers: { minOfficers: 'integer' } },
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<CheckOfficersInput> {
  const copy: JobVariables = { ...variables };
  // a null officers list (the form left empty) is no officers, which decide refuses as too few
  if (copy.officers === null || copy.officers === undefined) copy.officers = [];
  const header = headers.nonDelegable?.trim();
  if ((copy.nonDelegable === undefined || copy.nonDelegable === null) && header !== undefined) copy.nonDelegable = header === 'true' ? true : header === 'false' ? false : header;
  return parse(copy, headers);
}

export function decide(input: CheckOfficersInput, _now: Date): Decision<CheckOfficersPlan> {
  const seen = new Set<string>();
  const refs = input.officers.filter((ref) => {
    const key = String(ref).trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return proceed({ actDay: chinaDate(input.actDate), field: certificateField(input.field), minOfficers: input.minOfficers, nonDelegable: input.nonDelegable, bodyId: input.bodyId ?? null, refs });
}

export async function perform(input: CheckOfficersInput, plan: CheckOfficersPlan, ports: JobPorts, _job: JobInfo): Promise<Outcome> {
  let bodyField: string | null = null;
  if (plan.bodyId !== null) {
    const found = await ports.officers.bodyField(plan.bodyId);
    if (found === undefined) return incident(`Expected variable 'bodyId' to name an enforcement body, but body ${plan.bodyId} does not exist`);
    bodyField = found;
  }
  const records = await ports.officers.find(plan.refs);
  return judgeOfficers(plan, records, bodyField);
}

/** The rule itself, pure: the officers found for the plan's names → complete or OFFICERS_NOT_QUALIFIED. */
export function judgeOfficers(plan: CheckOfficersPlan, records: readonly OfficerRecord[], bodyField: string | null): Outcome {
  const fields = bodyField && bodyField !== plan.field ? [plan.field, bodyField] : [plan.field];
  const qualified = new Map<number, { userId: number; name: string }>();
  const named = new Set<number>();
  const refused: RefusedOfficer[] = [];
  for (const ref of plan.refs) {
    const record = records.find((r) => (typeof ref === 'number' || /^[0-9]+$/.test(ref) ? r.id === Number(ref) : r.username === ref));
    if (!record) {
      refused.push({ officer: ref, userId: null, name: null, problems: [{ code: 'unknown-user', text: `no user '${ref}' exists` }] });
      continue;
    }
    // the same user named twice (by id and by login name) counts once
    if (named.has(record.id)) continue;
    named.add(record.id);
    const problems = officerProblems(record, plan, fields);
    if (problems.length === 0) qualified.set(record.id, { userId: record.id, name: record.displayName });
    else refused.push({ officer: ref, userId: record.id, name: record.displayName, problems });
  }
  const distinct = named.size + refused.filter((r) => r.userId === null).length;
  const tooFew = distinct < plan.minOfficers;
  if (refused.length === 0 && !tooFew) return complete({});
  const check: OfficersCheck = { actDate: plan.actDay, fields, minOfficers: plan.minOfficers, qualified: [...qualified.values()], refused, tooFew };
  const findings = refused.map((r) => `${describeOfficer(r)}: ${r.problems.map((p) => p.text).join('; ')}`);
  if (tooFew) findings.push(`only ${distinct} distinct officer${distinct === 1 ? ' is' : 's are'} named, at least ${plan.minOfficers} are required`);
  const basis = plan.nonDelegable ? '《行政强制法》第十七条、第十八条' : '《行政处罚法》第四十二条';
  return bpmnError(
    OFFICERS_NOT_QUALIFIED,
    `Expected at least ${plan.minOfficers} officers, each active, with the role officer and a 执法证 valid on ${plan.actDay} for ${fields.map((f) => `'${f}'`).join(' or ')}${plan.nonDelegable ? ` and working for body ${plan.bodyId}` : ''} (${basis}), but ${findings.join('; ')}`,
    { officersCheck: check },
  );
}

function officerProblems(record: OfficerRecord, plan: CheckOfficersPlan, fields: readonly string[]): RefusedOfficer['problems'] {
  const problems: RefusedOfficer['problems'] = [];
  if (!record.active) problems.push({ code: 'inactive', text: 'the account is deactivated' });
  if (!record.roles.includes('officer')) problems.push({ code: 'not-an-officer', text: `the user has no officer role (roles: ${record.roles.join(', ') || 'none'})` });
  if (plan.nonDelegable && record.bodyId !== plan.bodyId) {
    problems.push({ code: 'other-body', text: `the officer works for ${record.bodyId === null ? 'no enforcement body' : `body ${record.bodyId}`}, not for body ${plan.bodyId}, and a coercive measure may not be entrusted to others (《行政强制法》第十七条)` });
  }
  const certificate = certificateProblem(record, plan.actDay, fields);
  if (certificate) problems.push(certificate);
  return problems;
}

function certificateProblem(record: OfficerRecord, day: string, fields: readonly string[]): RefusedOfficer['problems'][number] | null {
  if (record.certificates.length === 0) return { code: 'no-certificate', text: 'the officer holds no 执法证' };
  const inField = record.certificates.filter((c) => fields.includes(c.field));
  if (inField.length === 0) {
    const held = record.certificates.map((c) => `${c.number} for '${c.field}'`).join(', ');
    return { code: 'wrong-field', text: `the officer's 执法证 (${held}) cover${record.certificates.length === 1 ? 's' : ''} no field of the case (${fields.map((f) => `'${f}'`).join(' or ')})` };
  }
  if (inField.some((c) => c.validFrom <= day && day <= c.validTo)) return null;
  const ended = inField.filter((c) => c.validTo < day).sort((a, b) => (a.validTo < b.validTo ? 1 : -1))[0];
  if (ended) return { code: 'expired', text: `执法证 ${ended.number} for '${ended.field}' expired on ${ended.validTo}, before the act on ${day}` };
  const next = [...inField].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))[0]!;
  return { code: 'not-yet-valid', text: `执法证 ${next.number} for '${next.field}' is valid only from ${next.validFrom}, after the act on ${day}` };
}

function describeOfficer(refused: RefusedOfficer): string {
  if (refused.userId === null) return `officer '${refused.officer}'`;
  return `officer ${refused.userId} ${refused.name ?? ''}`.trim();
}
