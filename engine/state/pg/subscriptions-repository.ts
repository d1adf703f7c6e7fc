/**
 * Rows of engine.event_subscriptions and engine.outbox read or claimed outside an instance's command: the due
 * timers the scheduler fires, the start-event subscriptions of deployed definitions, outbox items to deliver.
 */
import type { EventSubscription, OutboxItem } from '../types.js';
import { subscriptionRow, toSubscription } from './rows.js';
import type { Sql } from './sql.js';

/** Due timers, oldest first: instance timers and start-event timers alike. */
export async function dueTimers(sql: Sql, now: number, limit: number): Promise<EventSubscription[]> {
  const r = await sql(`select * from engine.event_subscriptions where kind = 'timer' and due_date <= $1 order by due_date, key limit $2`, [now, limit]);
  return r.rows.map(toSubscription);
}

/** The earliest due date of any timer after `now` (so the scheduler can wake precisely), or null. */
export async function nextTimerDueDate(sql: Sql): Promise<number | null> {
  const r = await sql(`select min(due_date) as due from engine.event_subscriptions where kind = 'timer'`);
  const due = r.rows[0]?.due;
  return due === null || due === undefined ? null : Number(due);
}

/**
 * Claims a start-event subscription for the command that acts on it (deleted in the command's transaction; a
 * second node's claim waits for the first and then finds nothing). Null: already claimed or replaced.
 */
export async function claimStartSubscription(sql: Sql, key: string): Promise<EventSubscription | null> {
  const r = await sql('delete from engine.event_subscriptions where key = $1 and process_instance_key is null returning *', [key]);
  return r.rows[0] ? toSubscription(r.rows[0]) : null;
}

export async function insertSubscriptions(sql: Sql, subscriptions: readonly EventSubscription[]): Promise<void> {
  if (subscriptions.length === 0) return;
  await sql(
    `insert into engine.event_subscriptions (key, kind, process_instance_key, element_instance_key, element_id, process_definition_key, bpmn_process_id,
                                             name, correlation_key, interrupting, due_date, repetitions, interval, created_at)
     select key, kind, process_instance_key, element_instance_key, element_id, process_definition_key, bpmn_process_id,
            name, correlation_key, interrupting, due_date, repetitions, interval, created_at
     from jsonb_to_recordset($1::jsonb) as x(key bigint, kind text, process_instance_key bigint, element_instance_key bigint, element_id text,
          process_definition_key bigint, bpmn_process_id text, name text, correlation_key text, interrupting boolean, due_date bigint, repetitions int, interval text, created_at bigint)`,
    [JSON.stringify(subscriptions.map(subscriptionRow))],
  );
}

/** A new version replaces the start-event subscriptions of the process id's previous version. */
export async function replaceStartSubscriptions(sql: Sql, bpmnProcessId: string, subscriptions: readonly EventSubscription[]): Promise<void> {
  await sql('delete from engine.event_subscriptions where process_instance_key is null and bpmn_process_id = $1', [bpmnProcessId]);
  await insertSubscriptions(sql, subscriptions);
}

/** Claims an outbox item for the command that delivers it. False: delivered already (by this node or another). */
export async function claimOutboxItem(sql: Sql, key: string): Promise<boolean> {
  const r = await sql('delete from engine.outbox where key = $1', [key]);
  return (r.rowCount ?? 0) > 0;
}

/** Outbox items older than `before` (left by a crash or a failed delivery), oldest first. */
export async function pendingOutboxItems(sql: Sql, before: number, limit: number): Promise<OutboxItem[]> {
  const r = await sql('select * from engine.outbox where created_at <= $1 order by key limit $2', [before, limit]);
  return r.rows.map((row) => ({
    key: String(row.key),
    kind: String(row.kind),
    processInstanceKey: row.process_instance_key === null ? null : String(row.process_instance_key),
    payload: row.payload as Record<string, unknown>,
    createdAt: Number(row.created_at),
  }));
}
