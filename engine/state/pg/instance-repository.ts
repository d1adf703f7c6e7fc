/**
 * Loads one process instance's state inside a transaction, after locking its row (SELECT … FOR UPDATE): that lock
 * serialises every command on the instance, on every engine node. Flushes only the changed rows of all commands of a
 * batch in ONE statement (engine.apply_batch), with the records and the NOTIFY that wakes long polls (sent at commit).
 */
import { InstanceState } from '../instance-state.js';
import type { RecordDraft } from '../types.js';
import { jobRow, subscriptionRow, toElementInstance, toIncident, toJob, toProcessInstance, toSubscription } from './rows.js';
import { literal, type Sql } from './sql.js';

export const JOBS_CHANNEL = 'engine_jobs';
export const RESULTS_CHANNEL = 'engine_results';

export type InstanceLocator = { processInstanceKey: string } | { jobKey: string } | { incidentKey: string } | { elementInstanceKey: string };

/**
 * The statement that locks an instance (and, for a job command, the job row, so a concurrent activation or
 * timeout sweep — which skip locked rows — cannot change it under the command) and loads its state
 * (engine.lock_and_load, see its migration). Several of them share the round trip that begins a batch.
 */
export function lockStatement(locator: InstanceLocator): string {
  const raw = Object.values(locator)[0] as string;
  // keys are digits only (anything else cannot exist, and is never put into SQL)
  const key = /^\d{1,19}$/.test(raw) ? raw : '-1';
  const kind = 'processInstanceKey' in locator ? 'instance' : 'jobKey' in locator ? 'job' : 'incidentKey' in locator ? 'incident' : 'element';
  return `select engine.lock_and_load('${kind}', ${key}) as state`;
}

export interface LoadedState {
  instance: Record<string, unknown>;
  elements: Array<Record<string, unknown>>;
  variables: Array<{ scope_key: string; name: string; value: unknown }>;
  jobs: Array<Record<string, unknown>>;
  incidents: Array<Record<string, unknown>>;
  subscriptions?: Array<Record<string, unknown>>;
}

export function toState(data: LoadedState): InstanceState {
  const state = new InstanceState(toProcessInstance(data.instance));
  for (const e of data.elements) state.elements.set(String(e.key), toElementInstance(e));
  for (const v of data.variables) {
    let scope = state.variables.get(v.scope_key);
    if (!scope) state.variables.set(v.scope_key, (scope = new Map()));
    scope.set(v.name, v.value);
  }
  for (const j of data.jobs) state.jobs.set(String(j.key), toJob(j));
  for (const i of data.incidents) state.incidents.set(String(i.key), toIncident(i));
  for (const s of data.subscriptions ?? []) state.subscriptions.set(String(s.key), toSubscription(s));
  return state;
}

/** The rows one command changed, its records and its notifications, as engine.apply_batch takes them. */
export type Changes = Partial<Record<ChangeList, unknown[]>>;

type ChangeList =
  | 'instance_inserts'
  | 'element_upserts'
  | 'element_deletes'
  | 'scope_deletes'
  | 'variable_upserts'
  | 'job_upserts'
  | 'job_deletes'
  | 'incident_upserts'
  | 'incident_deletes'
  | 'instance_deletes'
  | 'subscription_upserts'
  | 'subscription_deletes'
  | 'outbox_inserts'
  | 'results'
  | 'records'
  | 'notify';

/** Every changed row of the command, its records and its notifications; null when nothing changed. */
export function changesOf(state: InstanceState, now: number): Changes | null {
  const changes: Changes = {};
  const c = state.changed;
  const pi = state.instance;
  const inserted = c.instance === 'insert';
  if (inserted) {
    changes.instance_inserts = [{ key: pi.key, process_definition_key: pi.processDefinitionKey, bpmn_process_id: pi.bpmnProcessId, version: pi.version, await_result: pi.awaitResult, created_at: pi.createdAt, parent_process_instance_key: pi.parentProcessInstanceKey ?? null, parent_element_instance_key: pi.parentElementInstanceKey ?? null }];
  }
  const elementUpserts: unknown[] = [];
  const elementDeletes: string[] = [];
  for (const [key, op] of c.elements) {
    if (op === 'delete') elementDeletes.push(key);
    else {
      const e = state.elements.get(key)!;
      elementUpserts.push({ key: e.key, process_instance_key: e.processInstanceKey, flow_scope_key: e.flowScopeKey, element_id: e.elementId, element_type: e.elementType, state: e.state, data: e.data });
    }
  }
  if (elementUpserts.length > 0) changes.element_upserts = elementUpserts;
  // Rows created and removed within this command never reached the tables; only rows loaded at the start are deleted.
  if (elementDeletes.length > 0 && !inserted) changes.element_deletes = elementDeletes;
  if (c.deletedScopes.size > 0 && !inserted) changes.scope_deletes = [...c.deletedScopes];
  if (c.variables.size > 0) {
    changes.variable_upserts = [...c.variables.values()].map(({ scopeKey, name }) => ({ scope_key: scopeKey, name, process_instance_key: pi.key, value: state.variables.get(scopeKey)?.get(name) ?? null }));
  }
  const jobUpserts: unknown[] = [];
  const jobDeletes: string[] = [];
  for (const [key, op] of c.jobs) {
    if (op === 'delete') jobDeletes.push(key);
    else jobUpserts.push(jobRow(state.jobs.get(key)!));
  }
  if (jobUpserts.length > 0) changes.job_upserts = jobUpserts;
  if (jobDeletes.length > 0) changes.job_deletes = jobDeletes;
  const incidentUpserts: unknown[] = [];
  const incidentDeletes: string[] = [];
  for (const [key, op] of c.incidents) {
    if (op === 'delete') incidentDeletes.push(key);
    else {
      const i = state.incidents.get(key)!;
      incidentUpserts.push({ key: i.key, process_instance_key: i.processInstanceKey, element_instance_key: i.elementInstanceKey, element_id: i.elementId, job_key: i.jobKey, error_type: i.errorType, error_message: i.errorMessage, created_at: i.createdAt });
    }
  }
  if (incidentUpserts.length > 0) changes.incident_upserts = incidentUpserts;
  if (incidentDeletes.length > 0) changes.incident_deletes = incidentDeletes;
  const subscriptionUpserts: unknown[] = [];
  const subscriptionDeletes: string[] = [];
  for (const [key, op] of c.subscriptions) {
    if (op === 'delete') subscriptionDeletes.push(key);
    else subscriptionUpserts.push(subscriptionRow(state.subscriptions.get(key)!));
  }
  if (subscriptionUpserts.length > 0) changes.subscription_upserts = subscriptionUpserts;
  if (subscriptionDeletes.length > 0 && !inserted) changes.subscription_deletes = subscriptionDeletes;
  if (state.outbox.length > 0) {
    changes.outbox_inserts = state.outbox.map((o) => ({ key: o.key, kind: o.kind, process_instance_key: o.processInstanceKey, payload: o.payload, created_at: o.createdAt }));
  }
  if (c.instance === 'delete') changes.instance_deletes = [pi.key];
  const notify: Array<[string, string]> = [...state.activatableJobTypes].map((t) => [JOBS_CHANNEL, t]);
  if (state.result !== null) {
    changes.results = [{ key: pi.key, variables: state.result, at: now }];
    notify.push([RESULTS_CHANNEL, pi.key]);
  }
  if (notify.length > 0) changes.notify = notify;
  if (state.records.length > 0) changes.records = state.records.map(recordRow);
  return Object.keys(changes).length === 0 ? null : changes;
}

/**
 * The statement that writes the changes of every command of a batch (engine.apply_batch with one JSON document,
 * a literal so it can share a round trip with COMMIT). The commands of a batch are on different instances, so
 * their lists are simply concatenated; a job type is notified once.
 */
export function applyStatement(all: readonly Changes[]): string {
  const merged: Changes = {};
  for (const changes of all) {
    for (const [list, rows] of Object.entries(changes) as Array<[ChangeList, unknown[]]>) {
      const into = merged[list];
      if (into) for (const row of rows) into.push(row);
      else merged[list] = [...rows];
    }
  }
  if (merged.notify) {
    const seen = new Set<string>();
    merged.notify = merged.notify.filter((n) => {
      const id = (n as string[]).join('\u0000');
      return seen.has(id) ? false : (seen.add(id), true);
    });
  }
  return `select engine.apply_batch(${literal(JSON.stringify(merged))}::jsonb)`;
}

function recordsInsert(records: readonly RecordDraft[], json: (value: unknown) => string): string {
  return `insert into engine.records (record_type, value_type, intent, key, process_instance_key, timestamp, payload)
     select record_type, value_type, intent, key, process_instance_key, timestamp, payload
     from jsonb_to_recordset(${json(records.map(recordRow))}) as x(record_type text, value_type text, intent text, key bigint, process_instance_key bigint, timestamp bigint, payload jsonb)`;
}

function recordRow(r: RecordDraft) {
  return { record_type: r.recordType, value_type: r.valueType, intent: r.intent, key: r.key, process_instance_key: r.processInstanceKey, timestamp: r.timestamp, payload: r.payload };
}

export async function appendRecords(sql: Sql, records: readonly RecordDraft[]): Promise<void> {
  if (records.length === 0) return;
  await sql(recordsInsert(records, () => '$1::jsonb'), [JSON.stringify(records.map(recordRow))]);
}

/** NOTIFY is transactional: waiters on every node are woken only once the jobs are committed. */
export async function notifyJobTypes(sql: Sql, types: readonly string[]): Promise<void> {
  if (types.length === 0) return;
  await sql('select pg_notify($1, t) from unnest($2::text[]) as t', [JOBS_CHANNEL, [...types]]);
}
