/**
 * Steps the coercion and inspection scenarios share: the officer's work in the service-of-documents call activity,
 * user tasks of called instances, and reads of what the workers stored (app.deadlines, app.documents, alerts,
 * service records, the disclosure queue), with instants shown in China time so that expectations read like the law.
 */
import { expect } from 'chai';
import { waitUntil } from '../../engine/support/engine-harness.js';
import type { InboxTask, ProcedureHarness } from './procedure-harness.js';

/** The instant as the workers write it: ISO with +08:00 (e.g. '2026-10-09T23:59:59.999+08:00'). */
export function chinaIso(value: Date | string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  const shifted = new Date(ms + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 23)}+08:00`;
}

export interface StoredDeadline {
  id: string;
  kind: string;
  legalBasis: string;
  start: string;
  length: number;
  unit: string;
  paused: unknown[];
  extensions: unknown[];
  due: string;
  dueDate: string;
  status: string;
}

/** The deadline `kind` the workers stored for the instance (compute-deadline), instants in China time. */
export async function storedDeadline(p: ProcedureHarness, processInstanceKey: string, kind: string): Promise<StoredDeadline> {
  const rows = (await p.deadlines([processInstanceKey])).filter((r) => r.kind === kind);
  expect(rows, `app.deadlines ${kind} of ${processInstanceKey}`).to.have.length(1);
  const r = rows[0]!;
  const day = r.due_date as Date | string;
  return {
    id: String(r.id),
    kind: String(r.kind),
    legalBasis: String(r.legal_basis),
    start: chinaIso(r.start as Date),
    length: Number(r.length),
    unit: String(r.unit),
    paused: r.paused as unknown[],
    extensions: r.extensions as unknown[],
    due: chinaIso(r.due as Date),
    dueDate: typeof day === 'string' ? day : chinaIso(day).slice(0, 10),
    status: String(r.status),
  };
}

export interface Alert {
  deadline: string;
  level: string;
  raisedAt: string;
}

/** Supervision alerts raised for the instance's deadlines (raise-supervision-alert). */
export async function alerts(p: ProcedureHarness, processInstanceKey: string): Promise<Alert[]> {
  const r = await p.h.database.db.raw(
    'select d.kind as deadline, a.level, a.raised_at from app.supervision_alerts a join app.deadlines d on d.id = a.deadline_id where a.process_instance_key = ? order by a.id',
    [processInstanceKey],
  );
  return (r.rows as Array<{ deadline: string; level: string; raised_at: Date }>).map((a) => ({ deadline: a.deadline, level: a.level, raisedAt: chinaIso(a.raised_at) }));
}

export interface StoredDocument {
  kind: string;
  number: string | null;
  formats: string[];
  sha256: Record<string, string>;
  fields: Record<string, unknown>;
}

/** The documents generated in the instance and the instances it called, one entry per document (PDF and DOCX). */
export async function documentsOf(p: ProcedureHarness, processInstanceKey: string): Promise<StoredDocument[]> {
  const keys = [processInstanceKey, ...(await p.descendants(processInstanceKey))];
  const rows = await p.documents(keys);
  const byDocument: StoredDocument[] = [];
  for (const row of rows) {
    const last = byDocument[byDocument.length - 1];
    // generate-document inserts the PDF and then the DOCX of the same document
    if (last && last.kind === row.kind && last.number === row.number && !last.formats.includes(row.format) && JSON.stringify(last.fields) === JSON.stringify(row.fields)) {
      last.formats.push(row.format);
      last.sha256[row.format] = row.sha256;
    } else {
      byDocument.push({ kind: row.kind, number: row.number, formats: [row.format], sha256: { [row.format]: row.sha256 }, fields: row.fields });
    }
  }
  return byDocument;
}

/** Every document is there as PDF and DOCX, each with its SHA-256. */
export function expectPdfAndDocx(documents: StoredDocument[]): void {
  for (const d of documents) {
    expect(d.formats, `${d.kind} formats`).to.have.members(['pdf', 'docx']);
    for (const format of ['pdf', 'docx']) expect(d.sha256[format], `${d.kind} ${format} sha256`).to.match(/^[0-9a-f]{64}$/);
    expect(d.sha256.pdf).to.not.equal(d.sha256.docx);
  }
}

/** The user task `elementId` of the instance or of an instance it called (e.g. service-of-documents). */
export async function taskInTree(p: ProcedureHarness, processInstanceKey: string, elementId: string, timeoutMs = 10_000): Promise<InboxTask> {
  return waitUntil(
    async () => {
      for (const key of [processInstanceKey, ...(await p.descendants(processInstanceKey))]) {
        // openTasks may still list a task the engine cancelled; task() skips those
        if (p.openTasks(key).includes(elementId)) {
          const t = await p.task(key, elementId, 200).catch(() => null);
          if (t) return t;
        }
      }
      await p.expectNoIncidents(processInstanceKey);
      return null;
    },
    timeoutMs,
    `user task '${elementId}' in instance ${processInstanceKey} or its called instances`,
  );
}

export async function completeInTree(p: ProcedureHarness, processInstanceKey: string, elementId: string, variables: Record<string, unknown> = {}): Promise<InboxTask> {
  const t = await taskInTree(p, processInstanceKey, elementId);
  return p.complete(t.processInstanceKey, elementId, variables);
}

/**
 * The officer serves the document by hand (直接送达, 民诉法 Arts 87–88) in the service-of-documents instance the procedure
 * called: at `at` (the clock moves there if it is not there yet) chooses the method and records the recipient's signature.
 */
export async function serveDirectly(p: ProcedureHarness, processInstanceKey: string, recipient: string, at: string): Promise<void> {
  await p.advanceTo(at);
  const choice = await taskInTree(p, processInstanceKey, 'choose-service-method');
  await p.complete(choice.processInstanceKey, 'choose-service-method', { method: 'direct' });
  await p.complete(choice.processInstanceKey, 'serve-directly', { delivered: true, refused: false, recipient, receivedAt: at });
  await p.finished(choice.processInstanceKey);
}

/** The approval form (`approve`). */
export function approval(decidedAt: string, approved = true, opinion = approved ? '同意' : '不同意'): Record<string, unknown> {
  return approved ? { approved: true, opinion, decidedAt } : { approved: false, opinion, rejectionReason: opinion, decidedAt };
}

export interface ServiceRecord {
  method: string;
  recipient: string;
  servedAt: string;
}

/** Service records (送达回证) of the instance tree. */
export async function serviceRecords(p: ProcedureHarness, processInstanceKey: string): Promise<Array<ServiceRecord & { kind: string }>> {
  const keys = [processInstanceKey, ...(await p.descendants(processInstanceKey))];
  const r = await p.h.database.db.raw(
    'select d.kind, s.method, s.recipient, s.served_at from app.service_records s join app.documents d on d.id = s.document_id where d.process_instance_key = any(?::bigint[]) order by s.id',
    [keys],
  );
  return (r.rows as Array<{ kind: string; method: string; recipient: string; served_at: Date }>).map((s) => ({ kind: s.kind, method: s.method, recipient: s.recipient, servedAt: chinaIso(s.served_at) }));
}

/** Where the instance tree stands: active elements and pending jobs (for failure messages while a scenario waits). */
export async function whereIs(p: ProcedureHarness, processInstanceKey: string): Promise<string> {
  const keys = [processInstanceKey, ...(await p.descendants(processInstanceKey))];
  const db = p.h.database.db;
  const elements = await db.raw("select process_instance_key::text as pi, element_id, state from engine.element_instances where process_instance_key = any(?::bigint[]) and element_type not in ('PROCESS', 'SUB_PROCESS') order by key", [keys]);
  const jobs = await db.raw('select element_id, type, state, retries, error_message from engine.jobs where process_instance_key = any(?::bigint[]) order by key', [keys]);
  return JSON.stringify({ elements: elements.rows, jobs: jobs.rows });
}

/** Whether the element of the instance (or of an instance it called) has been activated (or completed). */
export async function hasReached(p: ProcedureHarness, processInstanceKey: string, elementId: string, intent: 'ELEMENT_ACTIVATED' | 'ELEMENT_COMPLETED' = 'ELEMENT_ACTIVATED'): Promise<boolean> {
  const keys = [processInstanceKey, ...(await p.descendants(processInstanceKey))];
  const r = await p.h.database.db.raw(
    "select 1 from engine.records where process_instance_key = any(?::bigint[]) and value_type = 'PROCESS_INSTANCE' and intent = ? and payload->>'elementId' = ? limit 1",
    [keys, intent, elementId],
  );
  return r.rows.length > 0;
}

/** Waits until the element has been activated `times` times in the instance (a loop: the clock re-entered). */
export async function activated(p: ProcedureHarness, processInstanceKey: string, elementId: string, times: number): Promise<void> {
  await waitUntil(
    async () => {
      const r = await p.h.database.db.raw(
        "select count(*)::int as n from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_ACTIVATED' and payload->>'elementId' = ?",
        [processInstanceKey, elementId],
      );
      if ((r.rows[0] as { n: number }).n >= times) return true;
      await p.expectNoIncidents(processInstanceKey);
      return null;
    },
    10_000,
    `'${elementId}' activated ${times} times in ${processInstanceKey}`,
  );
}

/**
 * The timer `elementId` of the instance fires exactly at `due`: not at the millisecond before (the clock is moved
 * there first), then at `due`.
 */
export async function expectTimerAt(p: ProcedureHarness, processInstanceKey: string, elementId: string, due: string): Promise<void> {
  await p.advanceTo(new Date(Date.parse(due) - 1).toISOString());
  // completed: a timer catch event is active while it waits, a boundary timer only once it fired
  expect(await hasReached(p, processInstanceKey, elementId, 'ELEMENT_COMPLETED'), `timer '${elementId}' fired before ${due}`).to.equal(false);
  await p.advanceTo(due);
  await p.reached(processInstanceKey, elementId);
}
