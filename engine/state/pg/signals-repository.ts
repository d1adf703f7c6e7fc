/**
 * What a signal broadcast reads and writes outside any instance's command: the open signal subscriptions of a name
 * (of running instances, and the signal start events of deployed definitions), and the outbox items it fans out to.
 */
import type { EventSubscription, OutboxItem } from '../types.js';
import { toSubscription } from './rows.js';
import type { Sql } from './sql.js';

/**
 * Every signal subscription named `signalName`, oldest first. Not locked: a broadcast triggers what is open when it
 * runs (signals are not buffered); an instance that closes a subscription meanwhile finds it gone on delivery.
 */
export async function signalSubscriptionsNamed(sql: Sql, signalName: string): Promise<EventSubscription[]> {
  const r = await sql(`select * from engine.event_subscriptions where kind = 'signal' and name = $1 order by key`, [signalName]);
  return r.rows.map(toSubscription);
}

export async function insertOutboxItems(sql: Sql, items: readonly OutboxItem[]): Promise<void> {
  if (items.length === 0) return;
  await sql(
    `insert into engine.outbox (key, kind, process_instance_key, payload, created_at)
     select key, kind, process_instance_key, payload, created_at
     from jsonb_to_recordset($1::jsonb) as x(key bigint, kind text, process_instance_key bigint, payload jsonb, created_at bigint)`,
    [JSON.stringify(items.map((o) => ({ key: o.key, kind: o.kind, process_instance_key: o.processInstanceKey, payload: o.payload, created_at: o.createdAt })))],
  );
}
