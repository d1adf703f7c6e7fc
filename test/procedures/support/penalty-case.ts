/**
 * The penalty-side scenarios' common ground: a case of 三元区城市管理局 (demo data) against a restaurant company, the
 * form answers an officer, reviewer and head would give, and steps that several scenarios take the same way (serving a
 * document through the service-of-documents call activity, filing the case, investigating up to the advance notice).
 *
 * Every instant is China time (+08:00). Scenarios pin the clock with startAt and move it with advanceTo, so form times
 * (filedAt, decidedAt, receivedAt …) are "now" when the form is completed.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'chai';
import { waitUntil } from '../../engine/support/engine-harness.js';
import type { ProcedureHarness } from './procedure-harness.js';

export const BODY_NAME = '三元区城市管理局';
export const OFFICERS = ['sanyuan-officer', 'sanyuan-officer2'];
/** The body's 文号 prefix: none is set in the demo data, so the body's full name (engine-workers/README.md). */
export const PREFIX = BODY_NAME;

export const PARTY = {
  type: 'organisation',
  name: '三明市列东餐饮管理有限公司',
  address: '福建省三明市三元区列东街道新市北路88号',
  idNumber: '91350403MA8TEST01X',
  electronicService: { consented: false, confirmationSigned: false },
};

/** The party with the 电子送达确认书 signed (处罚法 Art 61; 闽执法办法 Art 19). */
export const CONSENTING_PARTY = {
  ...PARTY,
  electronicService: { consented: true, confirmationSigned: true, consent: { confirmedAt: '2026-01-05T10:00:00+08:00', reference: '电子送达确认书（2026）第15号' }, address: 'mzf://91350403MA8TEST01X' },
};

/** The remedies stated in every decision (处罚法 Art 59(5); 复议法 Art 24: the county government for its departments). */
export const REMEDIES = { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' };

export interface CaseOptions {
  caseId: string;
  bodyId: number;
  receivedAt: string;
  party?: Record<string, unknown>;
  agencyEnforcementPower?: boolean;
}

/** The variables penalty-ordinary is started with (processes/README.md, penalty-ordinary In). */
export function penaltyCase(o: CaseOptions): Record<string, unknown> {
  return {
    caseId: o.caseId,
    bodyId: o.bodyId,
    bodyName: BODY_NAME,
    field: 'urban-management',
    party: o.party ?? PARTY,
    clue: { source: 'complaint', receivedAt: o.receivedAt, summary: '群众投诉：店外占用人行道摆放桌椅经营' },
    caseCause: '擅自占用城市道路',
    agencyEnforcementPower: o.agencyEnforcementPower ?? false,
    availableOfficers: OFFICERS,
    remedies: REMEDIES,
  };
}

export const FACTS = '当事人于2026年9月18日起在新市北路88号店外人行道摆放桌椅12套经营，占用城市道路约40平方米，未经市政工程行政主管部门和公安交通管理部门批准。';
export const EVIDENCE_TEXT = '现场检查笔录\n询问笔录\n现场照片6张\n营业执照复印件';
export const EVIDENCE = ['现场检查笔录', '询问笔录', '现场照片6张', '营业执照复印件'];
export const PROVISIONS = '《城市道路管理条例》第二十七条第（七）项';

/** The officer's instant in the form: the clock's now, as the console fills it in. */
export function nowIso(p: ProcedureHarness): string {
  return chinaIso(p.h.clock.now());
}

export function chinaIso(epochMs: number): string {
  const d = new Date(epochMs + 8 * 3_600_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/**
 * The instance (pi itself or one it called) that has the user task `elementId` open: a call activity's child
 * (service-of-documents, criminal-transfer …) is created a moment after the call activity is entered.
 */
export async function instanceWithTask(p: ProcedureHarness, pi: string, elementId: string, timeoutMs = 10_000): Promise<string> {
  return waitUntil(
    async () => {
      for (const key of [pi, ...(await p.descendants(pi))]) if (p.openTasks(key).includes(elementId)) return key;
      const incidents = await p.incidents(pi);
      for (const key of await p.descendants(pi)) incidents.push(...(await p.incidents(key)));
      if (incidents.length > 0) throw new Error(`Expected user task '${elementId}', but there are incidents: ${incidents.map((i) => `${i.elementId}: ${i.errorMessage}`).join('; ')}`);
      return null;
    },
    timeoutMs,
    `user task '${elementId}' in instance ${pi} or its children`,
  );
}

/** Completes a user task of pi or of one of its called instances. */
export async function completeAnywhere(p: ProcedureHarness, pi: string, elementId: string, variables: Record<string, unknown> = {}): Promise<string> {
  const key = await instanceWithTask(p, pi, elementId);
  await p.complete(key, elementId, variables);
  return key;
}

/** Waits until an element of pi or of one of its called instances has completed. */
export async function reachedAnywhere(p: ProcedureHarness, pi: string, elementId: string, timeoutMs = 10_000): Promise<string> {
  return waitUntil(
    async () => {
      for (const key of [pi, ...(await p.descendants(pi))]) if ((await p.completedElements(key)).includes(elementId)) return key;
      await p.expectNoIncidents(pi);
      return null;
    },
    timeoutMs,
    `'${elementId}' completed in instance ${pi} or its children`,
  );
}

/** Serves the document now in service by handing it over (直接送达, 民诉法 Arts 87–88): returns the child instance. */
export async function serveDirectly(p: ProcedureHarness, pi: string, recipient = '王某某（法定代表人）'): Promise<string> {
  const child = await completeAnywhere(p, pi, 'choose-service-method', { method: 'direct', note: '当事人在经营场所' });
  await p.complete(child, 'serve-directly', { delivered: true, refused: false, recipient, receivedAt: nowIso(p) });
  return child;
}

/** Clue verified and the case filed by the head with two certified officers (处罚法 Arts 42, 54). */
export async function fileCase(p: ProcedureHarness, pi: string, at: { verifiedAt: string; filedAt: string; violationDate?: string }): Promise<void> {
  await p.advanceTo(at.verifiedAt);
  await p.complete(pi, 'verify-clue', { facts: FACTS, violationDate: at.violationDate ?? '2026-09-18T10:00:00+08:00', specialLimitation: false, recommendFiling: true, opinion: '建议立案' });
  await p.advanceTo(at.filedAt);
  await p.complete(pi, 'approve-filing', { fileCase: true, officers: OFFICERS, filedAt: at.filedAt, reason: '符合立案条件' });
}

export interface Proposal {
  kinds: string[];
  fine?: number;
  confiscationValue?: number;
  flags?: { majorPublicInterest?: boolean; complexCase?: boolean; majorViolation?: boolean; listedInLocalCatalogue?: boolean };
}

/** Investigation (UM-ROAD-OCCUPY) and the investigation report (its group submits under `proposedPenalty`) proposing `proposal`, at the clock's now. */
export async function investigateAndReport(p: ProcedureHarness, pi: string, proposal: Proposal, circumstance = 'general'): Promise<void> {
  await p.complete(pi, 'investigate', { violationCode: 'UM-ROAD-OCCUPY', circumstance, facts: FACTS, evidence: EVIDENCE_TEXT, records: '询问笔录2份、现场检查笔录1份', completedAt: nowIso(p) });
  await p.complete(pi, 'write-investigation-report', {
    facts: FACTS,
    evidence: EVIDENCE_TEXT,
    basis: PROVISIONS,
    proposedPenalty: { outcome: proposal.kinds.length > 0 ? 'penalty' : 'no-penalty-minor', kinds: proposal.kinds, fine: proposal.fine ?? null, confiscationValue: proposal.confiscationValue ?? null },
    majorPublicInterest: false,
    complexCase: false,
    majorViolation: false,
    listedInLocalCatalogue: false,
    ...proposal.flags,
    submittedAt: nowIso(p),
  });
}

export const PERFORMANCE = '通过闽政通“闽执法”专区电子缴款或者到指定银行缴纳罚款';

/** The head's decision form (decision.form: the penalty group submits under `penalty`). */
export function penaltyDecision(p: ProcedureHarness, fine: number, kinds = ['fine']): Record<string, unknown> {
  return {
    outcome: 'penalty',
    penalty: { kinds, fine, confiscationValue: null, performance: PERFORMANCE },
    basis: '《城市道路管理条例》第四十二条第一款第（一）项',
    reasons: `对当事人处以罚款人民币${fine}元`,
    decidedAt: nowIso(p),
  };
}

/** The kinds and 文号 of the documents an instance produced (PDF and DOCX each). */
export async function documentsOf(p: ProcedureHarness, keys: string[]): Promise<Array<{ kind: string; number: string | null; format: string; sha256: string; fields: Record<string, unknown> }>> {
  return p.documents(keys);
}

export async function deadlineRow(p: ProcedureHarness, keys: string[], kind: string): Promise<Record<string, unknown>> {
  const rows = (await p.deadlines(keys)).filter((d) => d.kind === kind);
  expect(rows, `app.deadlines row '${kind}'`).to.have.length(1);
  return rows[0]!;
}

/** A stored due instant as China time text (app.deadlines.due is a timestamptz). */
export function dueText(row: Record<string, unknown>): string {
  const due = row.due instanceof Date ? row.due.getTime() : Date.parse(String(row.due));
  const d = new Date(due + 8 * 3_600_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+08:00`;
}

/** What an instance and its children are waiting on: for the failure message of a scenario that got stuck. */
export async function describeState(p: ProcedureHarness, pi: string): Promise<string> {
  const keys = [pi, ...(await p.descendants(pi))];
  const db = p.h.database.db;
  const jobs = await db.raw("select type, state, retries, element_id, error_message from engine.jobs where process_instance_key = any(?::bigint[])", [keys]);
  const incidents = await db.raw('select element_id, error_type, error_message from engine.incidents where process_instance_key = any(?::bigint[])', [keys]);
  const active = await db.raw("select e.element_id, e.state from engine.element_instances e where e.process_instance_key = any(?::bigint[]) order by e.key", [keys]).catch(() => ({ rows: [] }));
  const records = await db.raw(
    "select process_instance_key::text as pi, intent, payload->>'elementId' as element from engine.records where process_instance_key = any(?::bigint[]) and value_type = 'PROCESS_INSTANCE' order by position desc limit 16",
    [keys],
  );
  const last = (records.rows as Array<{ pi: string; intent: string; element: string }>).reverse().map((r) => `${r.pi.slice(-4)} ${r.intent} ${r.element}`);
  return JSON.stringify({ openTasks: keys.map((k) => p.openTasks(k)), jobs: jobs.rows, incidents: incidents.rows, active: active.rows, last }, null, 1);
}

/** The default timeline of a case (around 中秋/国庆 2026): clue, filing, report, review, advance notice. */
export const TIMELINE = {
  received: '2026-09-21T09:00:00+08:00',
  verified: '2026-09-22T09:00:00+08:00',
  filed: '2026-09-22T10:00:00+08:00',
  reported: '2026-09-24T16:00:00+08:00',
  reviewed: '2026-09-28T10:00:00+08:00',
  noticeServed: '2026-09-29T10:00:00+08:00',
};

export interface ToNoticeOptions {
  caseId: string;
  bodyId: number;
  proposal: Proposal;
  party?: Record<string, unknown>;
  agencyEnforcementPower?: boolean;
  circumstance?: string;
}

/** Starts a case and takes it, on the default timeline, to the advance notice served on 29 September. */
export async function toAdvanceNoticeServed(p: ProcedureHarness, o: ToNoticeOptions): Promise<string> {
  p.startAt(TIMELINE.received);
  const pi = await p.start('penalty-ordinary', penaltyCase({ caseId: o.caseId, bodyId: o.bodyId, receivedAt: TIMELINE.received, party: o.party, agencyEnforcementPower: o.agencyEnforcementPower }));
  await fileCase(p, pi, { verifiedAt: TIMELINE.verified, filedAt: TIMELINE.filed });
  await p.advanceTo(TIMELINE.reported);
  await investigateAndReport(p, pi, o.proposal, o.circumstance);
  await p.advanceTo(TIMELINE.reviewed);
  await p.complete(pi, 'review-case', { approved: true, opinion: '事实清楚，证据确凿，同意拟处理意见', reviewedAt: nowIso(p) });
  await p.advanceTo(TIMELINE.noticeServed);
  await serveDirectly(p, pi);
  await p.reached(pi, 'compute-hearing-request-window');
  return pi;
}

/** The party waives statement and defence in writing (处罚法 Art 62): the windows end at once. */
export async function waiveRights(p: ProcedureHarness, caseId: string): Promise<void> {
  await p.publish('party-waived-rights', caseId, { waivedAt: nowIso(p), document: '放弃陈述、申辩权利声明书（当事人签名）' });
}

/** After a penalty decision: served at once, paid on time, closed with the head's approval. */
export async function serveDecisionPayAndClose(p: ProcedureHarness, pi: string, caseId: string, fine: number): Promise<void> {
  await serveDirectly(p, pi);
  await p.reached(pi, 'compute-payment-deadline');
  await p.publish('payment-received', caseId, { amount: fine, paidAt: nowIso(p), settled: true });
  await closeCase(p, pi, 'executed');
}

export async function closeCase(p: ProcedureHarness, pi: string, ground: string, summary = '依法结案'): Promise<void> {
  await p.complete(pi, 'close-case', { ground, summary, closedAt: nowIso(p) });
  await p.complete(pi, 'approve-closure', { approved: true, opinion: '同意结案', decidedAt: nowIso(p) });
  await p.finished(pi);
}

/** Supervision alerts (app.supervision_alerts) of the instances, with the deadline they are about. */
export async function alertsOf(p: ProcedureHarness, keys: string[]): Promise<Array<{ deadline: string; level: string; status: string }>> {
  const r = await p.h.database.db.raw(
    'select d.kind as deadline, a.level, d.status from app.supervision_alerts a join app.deadlines d on d.id = a.deadline_id where a.process_instance_key = any(?::bigint[]) order by a.id',
    [keys],
  );
  return r.rows as Array<{ deadline: string; level: string; status: string }>;
}

/** Disclosure queue rows (app.disclosure_queue) of the instances. */
export async function disclosuresOf(p: ProcedureHarness, keys: string[]): Promise<Array<{ kind: string; dueDate: string; subject: Record<string, unknown> }>> {
  const r = await p.h.database.db.raw("select kind, to_char(due_date, 'YYYY-MM-DD') as due_date, subject from app.disclosure_queue where process_instance_key = any(?::bigint[]) order by id", [keys]);
  return (r.rows as Array<{ kind: string; due_date: string; subject: Record<string, unknown> }>).map((row) => ({ kind: row.kind, dueDate: row.due_date, subject: row.subject }));
}

/** Cancels an instance a scenario does not follow to its end and checks that nothing of it is left. */
export async function cancel(p: ProcedureHarness, pi: string): Promise<void> {
  await p.client.cancelProcessInstance(pi);
  await p.finished(pi);
}

export const NATURAL_PERSON = {
  type: 'natural-person',
  name: '陈某某',
  address: '福建省三明市三元区城关街道崇宁路12号',
  idNumber: '350403199001011234',
  electronicService: { consented: false, confirmationSigned: false },
};

/** A 文号 of the body for a kind: prefix, abbreviation, 〔year〕, sequence (GB/T 9704-2012). */
export function numberPattern(abbreviation: string): RegExp {
  return new RegExp(`^${PREFIX}${abbreviation}〔2026〕[1-9][0-9]*号$`);
}

/** The instance of `bpmnProcessId` that pi (or one of its children) called, waiting until it exists. */
export async function calledInstance(p: ProcedureHarness, pi: string, bpmnProcessId: string, timeoutMs = 10_000): Promise<string> {
  return waitUntil(
    async () => {
      const keys = await p.descendants(pi);
      if (keys.length === 0) return null;
      const r = await p.h.database.db.raw(
        "select process_instance_key::text as key from engine.records where process_instance_key = any(?::bigint[]) and value_type = 'PROCESS_INSTANCE' and payload->>'bpmnProcessId' = ? limit 1",
        [keys, bpmnProcessId],
      );
      return (r.rows[0] as { key: string } | undefined)?.key ?? null;
    },
    timeoutMs,
    `an instance of '${bpmnProcessId}' called by ${pi}`,
  );
}

/** Waits until the variable at `path` (e.g. deadlines.caseLimit) of the instance has the value (a recomputation landed). */
export async function waitForVariable(p: ProcedureHarness, pi: string, path: string, expected: unknown, timeoutMs = 10_000): Promise<void> {
  const read = async () => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], await p.variables(pi));
  try {
    await waitUntil(async () => isDeepStrictEqual(await read(), expected), timeoutMs, `${path} = ${JSON.stringify(expected)}`);
  } catch {
    throw new Error(`Expected ${path} of instance ${pi} to become ${JSON.stringify(expected)}, but it is ${JSON.stringify(await read())}`);
  }
}

/** Waits until the element has completed `times` times (an element of a loop: the second notice, the second review). */
export async function reachedTimes(p: ProcedureHarness, pi: string, elementId: string, times: number, timeoutMs = 10_000): Promise<void> {
  await waitUntil(
    async () => {
      await p.expectNoIncidents(pi);
      return (await p.completedElements(pi)).filter((id) => id === elementId).length >= times;
    },
    timeoutMs,
    `'${elementId}' completed ${times} times`,
  );
}

/** Element ids of the instance that are active now (engine state, not the inbox). */
export async function activeElements(p: ProcedureHarness, pi: string): Promise<string[]> {
  const r = await p.h.database.db.raw('select element_id from engine.element_instances where process_instance_key = ? order by key', [pi]);
  return (r.rows as Array<{ element_id: string }>).map((row) => row.element_id);
}
