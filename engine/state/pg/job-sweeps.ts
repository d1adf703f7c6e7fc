/**
 * Scheduler sweeps over jobs, each claiming due rows with FOR UPDATE SKIP LOCKED so that several engine nodes can
 * sweep at once without waiting on each other or on commands in flight (a locked row is simply swept next time).
 */
import type { Db } from '../../../db/connect.js';
import { appendRecords, notifyJobTypes } from './instance-repository.js';
import { query, withTransaction } from './sql.js';

const BATCH = 500;

/** Activated jobs whose deadline passed become activatable again, retries unchanged. Returns the job types touched. */
export async function timeOutJobs(db: Db, now: number): Promise<string[]> {
  return sweep(db, now, 'TIMED_OUT',
    `update engine.jobs j set state = 'ACTIVATABLE', worker = null, deadline = null
     where j.key in (select key from engine.jobs where state = 'ACTIVATED' and deadline <= $1 order by deadline limit ${BATCH} for update skip locked)
     returning j.key, j.type, j.process_instance_key, j.retries`);
}

/** Failed jobs whose retry back-off has passed become activatable again. */
export async function recurJobsAfterBackoff(db: Db, now: number): Promise<string[]> {
  return sweep(db, now, 'RECURRED_AFTER_BACKOFF',
    `update engine.jobs j set state = 'ACTIVATABLE', backoff_until = null
     where j.key in (select key from engine.jobs where state = 'FAILED' and retries > 0 and backoff_until <= $1 order by backoff_until limit ${BATCH} for update skip locked)
     returning j.key, j.type, j.process_instance_key, j.retries`);
}

async function sweep(db: Db, now: number, intent: string, sql: string): Promise<string[]> {
  return withTransaction(db, async (q) => {
    const r = await q(sql, [now]);
    const rows = r.rows as Array<{ key: unknown; type: string; process_instance_key: unknown; retries: number }>;
    if (rows.length === 0) return [];
    await appendRecords(q, rows.map((row) => ({ recordType: 'EVENT' as const, valueType: 'JOB' as const, intent, key: String(row.key), processInstanceKey: String(row.process_instance_key), timestamp: now, payload: { type: row.type, retries: row.retries } })));
    const types = [...new Set(rows.map((row) => row.type))];
    await notifyJobTypes(q, types);
    return types;
  });
}

/** The earliest pending back-off, so the scheduler can wake exactly then. */
export async function nextBackoffDue(db: Db): Promise<number | null> {
  const r = await query(db, "select min(backoff_until) as due from engine.jobs where state = 'FAILED' and backoff_until is not null");
  const due = (r.rows[0] as { due: unknown }).due;
  return due === null || due === undefined ? null : Number(due);
}
