/**
 * Rows of engine.messages, engine.message_correlations and engine.message_start_locks (see their migration): the
 * message buffer, the "once per bpmnProcessId" record of correlations, and the one-active-instance lock of message
 * start events. Every claim here runs inside the transaction of the command that acts on it, so a claim and its
 * effect commit together.
 */
import type { EventSubscription, OutboxItem } from '../types.js';
import { toSubscription } from './rows.js';
import type { Sql } from './sql.js';

export interface StoredMessage {
  key: string;
  name: string;
  correlationKey: string;
  messageId: string;
  variables: Record<string, unknown>;
  timeToLive: number;
  publishedAt: number;
  expiresAt: number;
}

function toMessage(r: Record<string, unknown>): StoredMessage {
  return {
    key: String(r.key),
    name: String(r.name),
    correlationKey: String(r.correlation_key),
    messageId: String(r.message_id),
    variables: (r.variables ?? {}) as Record<string, unknown>,
    timeToLive: Number(r.time_to_live),
    publishedAt: Number(r.published_at),
    expiresAt: Number(r.expires_at),
  };
}

const MESSAGE_COLUMNS = 'key, name, correlation_key, message_id, variables, time_to_live, published_at, expires_at';

/**
 * Serialises publications of one message id (per name and correlation key) until the publishing transaction ends,
 * so two concurrent publications cannot both find no duplicate. A transaction-scoped advisory lock, because the
 * duplicate may be a row that does not exist yet (nothing to lock) and expired rows stay until the sweep removes
 * them (so a unique index would refuse a legitimate re-publication).
 */
export async function lockMessageId(sql: Sql, name: string, correlationKey: string, messageId: string): Promise<void> {
  await sql("select pg_advisory_xact_lock(hashtextextended('engine.message:' || $1 || chr(31) || $2 || chr(31) || $3, 0))", [name, correlationKey, messageId]);
}

/** Whether a message with this id, name and correlation key is still buffered (not expired). */
export async function isMessageBuffered(sql: Sql, name: string, correlationKey: string, messageId: string, now: number): Promise<boolean> {
  const r = await sql('select 1 from engine.messages where name = $1 and correlation_key = $2 and message_id = $3 and expires_at > $4 limit 1', [name, correlationKey, messageId, now]);
  return r.rows.length > 0;
}

export async function insertMessage(sql: Sql, m: StoredMessage): Promise<void> {
  await sql(`insert into engine.messages (${MESSAGE_COLUMNS}) values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`, [
    m.key,
    m.name,
    m.correlationKey,
    m.messageId,
    JSON.stringify(m.variables),
    m.timeToLive,
    m.publishedAt,
    m.expiresAt,
  ]);
}

/** Open message subscriptions of running instances with this name and correlation key, oldest first. */
export async function openMessageSubscriptions(sql: Sql, name: string, correlationKey: string): Promise<EventSubscription[]> {
  const r = await sql("select * from engine.event_subscriptions where kind = 'message' and name = $1 and correlation_key = $2 and process_instance_key is not null order by created_at, key", [name, correlationKey]);
  return r.rows.map(toSubscription);
}

/** Message start events of deployed definitions (the latest version of each process) with this message name. */
export async function messageStartSubscriptions(sql: Sql, name: string): Promise<EventSubscription[]> {
  const r = await sql("select * from engine.event_subscriptions where kind = 'message' and name = $1 and process_instance_key is null order by bpmn_process_id, key", [name]);
  return r.rows.map(toSubscription);
}

/** The message start events of a process id's current start subscriptions. */
export async function messageStartSubscriptionsOf(sql: Sql, bpmnProcessId: string): Promise<EventSubscription[]> {
  const r = await sql("select * from engine.event_subscriptions where kind = 'message' and bpmn_process_id = $1 and process_instance_key is null order by key", [bpmnProcessId]);
  return r.rows.map(toSubscription);
}

/** Outbox items written outside an instance's command (a publication has no instance of its own). */
export async function insertOutboxItems(sql: Sql, items: readonly OutboxItem[]): Promise<void> {
  if (items.length === 0) return;
  await sql(
    `insert into engine.outbox (key, kind, process_instance_key, payload, created_at)
     select key, kind, process_instance_key, payload, created_at
     from jsonb_to_recordset($1::jsonb) as x(key bigint, kind text, process_instance_key bigint, payload jsonb, created_at bigint)`,
    [JSON.stringify(items.map((o) => ({ key: o.key, kind: o.kind, process_instance_key: o.processInstanceKey, payload: o.payload, created_at: o.createdAt })))],
  );
}

/**
 * Locks a message row against expiry (the sweep deletes with FOR UPDATE SKIP LOCKED, which passes over it) for the
 * command that correlates it; null when it is gone already.
 */
export async function lockMessage(sql: Sql, key: string): Promise<StoredMessage | null> {
  const r = await sql(`select ${MESSAGE_COLUMNS} from engine.messages where key = $1 for key share`, [key]);
  return r.rows[0] ? toMessage(r.rows[0]) : null;
}

export interface Correlation {
  messageKey: string;
  bpmnProcessId: string;
  processInstanceKey: string;
  /** The subscribing element instance; null for a message start event. */
  elementInstanceKey: string | null;
  createdAt: number;
}

/**
 * Records that the message correlates to this bpmnProcessId. False: it already correlated to the process (a
 * concurrent claim waits for the other transaction and then finds its row). The message row must be locked.
 */
export async function claimCorrelation(sql: Sql, c: Correlation): Promise<boolean> {
  const r = await sql(
    `insert into engine.message_correlations (message_key, bpmn_process_id, process_instance_key, element_instance_key, created_at)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [c.messageKey, c.bpmnProcessId, c.processInstanceKey, c.elementInstanceKey, c.createdAt],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Undoes claimCorrelation within the same transaction (the start it was for cannot happen). */
export async function releaseCorrelation(sql: Sql, messageKey: string, bpmnProcessId: string): Promise<void> {
  await sql('delete from engine.message_correlations where message_key = $1 and bpmn_process_id = $2', [messageKey, bpmnProcessId]);
}

/**
 * Claims the oldest buffered message with this name and correlation key that has not correlated to the process yet
 * (and locks it against expiry), or null. Another instance of the same process may claim the same message at the
 * same moment: the loser's claim finds the winner's row and it moves on to the next message.
 */
export async function claimBufferedMessage(sql: Sql, subscription: { name: string; correlationKey: string; bpmnProcessId: string; processInstanceKey: string; elementInstanceKey: string | null }, now: number): Promise<StoredMessage | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await sql(
      `select ${MESSAGE_COLUMNS} from engine.messages m
       where m.name = $1 and m.correlation_key = $2 and m.expires_at > $3
         and not exists (select 1 from engine.message_correlations c where c.message_key = m.key and c.bpmn_process_id = $4)
       order by m.position
       limit 1
       for key share`,
      [subscription.name, subscription.correlationKey, now, subscription.bpmnProcessId],
    );
    if (!r.rows[0]) return null;
    const message = toMessage(r.rows[0]);
    const claimed = await claimCorrelation(sql, { messageKey: message.key, bpmnProcessId: subscription.bpmnProcessId, processInstanceKey: subscription.processInstanceKey, elementInstanceKey: subscription.elementInstanceKey, createdAt: now });
    if (claimed) return message;
  }
  return null;
}

/** Whether any buffered message waits for this subscription (a cheap look before a command is run for it). */
export async function hasBufferedMessageFor(sql: Sql, s: { name: string; correlationKey: string; bpmnProcessId: string }, now: number): Promise<boolean> {
  const r = await sql(
    `select 1 from engine.messages m
     where m.name = $1 and m.correlation_key = $2 and m.expires_at > $3
       and not exists (select 1 from engine.message_correlations c where c.message_key = m.key and c.bpmn_process_id = $4)
     limit 1`,
    [s.name, s.correlationKey, now, s.bpmnProcessId],
  );
  return r.rows.length > 0;
}

/**
 * Open message subscriptions (older than `before`) for which a buffered message waits: the buffer polls that a
 * crash between a command's commit and its after-commit poll left undone.
 */
export async function subscriptionsWithBufferedMessages(sql: Sql, now: number, before: number, limit: number): Promise<EventSubscription[]> {
  const r = await sql(
    `select s.* from engine.event_subscriptions s
     where s.kind = 'message' and s.process_instance_key is not null and s.created_at <= $2
       and exists (select 1 from engine.messages m
                   where m.name = s.name and m.correlation_key = s.correlation_key and m.expires_at > $1 and m.published_at <= $2
                     and not exists (select 1 from engine.message_correlations c where c.message_key = m.key and c.bpmn_process_id = s.bpmn_process_id))
     order by s.created_at, s.key
     limit $3`,
    [now, before, limit],
  );
  return r.rows.map(toSubscription);
}

/**
 * Takes the one-active-instance lock of a message start event for `processInstanceKey`. Held by a live instance →
 * false. Free, or held by an instance that has ended → taken. The row is locked before the holder is looked up, in
 * a statement of its own: that statement's snapshot then sees the commit of whichever start held the row lock
 * before (a single statement would judge the holder with a snapshot taken before it waited).
 */
export async function acquireStartLock(sql: Sql, lock: { bpmnProcessId: string; correlationKey: string; processInstanceKey: string; messageKey: string; createdAt: number }): Promise<boolean> {
  const inserted = await sql(
    `insert into engine.message_start_locks (bpmn_process_id, correlation_key, process_instance_key, message_key, created_at)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [lock.bpmnProcessId, lock.correlationKey, lock.processInstanceKey, lock.messageKey, lock.createdAt],
  );
  if ((inserted.rowCount ?? 0) > 0) return true;
  const held = await sql('select process_instance_key from engine.message_start_locks where bpmn_process_id = $1 and correlation_key = $2 for update', [lock.bpmnProcessId, lock.correlationKey]);
  const holder = held.rows[0]?.process_instance_key;
  if (holder === undefined) return acquireStartLock(sql, lock);
  if (await instanceExists(sql, String(holder))) return false;
  await sql('update engine.message_start_locks set process_instance_key = $3, message_key = $4, created_at = $5 where bpmn_process_id = $1 and correlation_key = $2', [
    lock.bpmnProcessId,
    lock.correlationKey,
    lock.processInstanceKey,
    lock.messageKey,
    lock.createdAt,
  ]);
  return true;
}

async function instanceExists(sql: Sql, processInstanceKey: string): Promise<boolean> {
  const r = await sql('select 1 from engine.process_instances where key = $1', [processInstanceKey]);
  return r.rows.length > 0;
}

export interface StartLock {
  bpmnProcessId: string;
  correlationKey: string;
}

/** The start locks an instance holds (at most one per process id). */
export async function startLocksHeldBy(sql: Sql, processInstanceKey: string): Promise<StartLock[]> {
  const r = await sql('select bpmn_process_id, correlation_key from engine.message_start_locks where process_instance_key = $1', [processInstanceKey]);
  return r.rows.map((row) => ({ bpmnProcessId: String(row.bpmn_process_id), correlationKey: String(row.correlation_key) }));
}

/** Start locks whose instance has ended: the next buffered message may start an instance, or the lock is removed. */
export async function staleStartLocks(sql: Sql, limit: number): Promise<StartLock[]> {
  const r = await sql(
    `select bpmn_process_id, correlation_key from engine.message_start_locks l
     where not exists (select 1 from engine.process_instances p where p.key = l.process_instance_key)
     order by created_at limit $1`,
    [limit],
  );
  return r.rows.map((row) => ({ bpmnProcessId: String(row.bpmn_process_id), correlationKey: String(row.correlation_key) }));
}

/** Removes a start lock whose instance has ended (a live holder, or a new one that took it over, keeps it). Own transaction. */
export async function removeStaleStartLock(sql: Sql, lock: StartLock): Promise<void> {
  const held = await sql('select process_instance_key from engine.message_start_locks where bpmn_process_id = $1 and correlation_key = $2 for update', [lock.bpmnProcessId, lock.correlationKey]);
  const holder = held.rows[0]?.process_instance_key;
  if (holder === undefined || (await instanceExists(sql, String(holder)))) return;
  await sql('delete from engine.message_start_locks where bpmn_process_id = $1 and correlation_key = $2 and process_instance_key = $3', [lock.bpmnProcessId, lock.correlationKey, holder]);
}

/**
 * The oldest buffered message that may start an instance of the process now that its correlation key is free: a
 * message of one of its message start events, with that key, not expired, not yet correlated to the process.
 */
export async function nextBufferedStart(sql: Sql, lock: StartLock, now: number): Promise<{ message: StoredMessage; subscription: EventSubscription } | null> {
  const starts = await messageStartSubscriptionsOf(sql, lock.bpmnProcessId);
  if (starts.length === 0) return null;
  const r = await sql(
    `select ${MESSAGE_COLUMNS} from engine.messages m
     where m.name = any($1::text[]) and m.correlation_key = $2 and m.expires_at > $3
       and not exists (select 1 from engine.message_correlations c where c.message_key = m.key and c.bpmn_process_id = $4)
     order by m.position
     limit 1`,
    [starts.map((s) => s.name), lock.correlationKey, now, lock.bpmnProcessId],
  );
  if (!r.rows[0]) return null;
  const message = toMessage(r.rows[0]);
  return { message, subscription: starts.find((s) => s.name === message.name)! };
}

/**
 * Deletes expired messages (their correlation rows go with them), oldest first; returns them for their EXPIRED
 * records. FOR UPDATE SKIP LOCKED: a message a command is correlating right now (locked FOR KEY SHARE) is left for
 * the next sweep, and two sweeping nodes do not wait for each other. A message whose correlations decided at
 * publication are still in the outbox stays until they are delivered (the delivery needs its row).
 */
export async function deleteExpiredMessages(sql: Sql, now: number, limit: number, outboxKinds: readonly string[]): Promise<StoredMessage[]> {
  const r = await sql(
    `delete from engine.messages where key in (
       select m.key from engine.messages m
       where m.expires_at <= $1
         and not exists (select 1 from engine.outbox o where o.kind = any($3::text[]) and o.payload->>'messageKey' = m.key::text)
       order by m.expires_at
       limit $2
       for update skip locked)
     returning ${MESSAGE_COLUMNS}`,
    [now, limit, [...outboxKinds]],
  );
  return r.rows.map(toMessage);
}
