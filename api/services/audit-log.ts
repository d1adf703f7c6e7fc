import { createHash } from 'node:crypto';
import type { Db } from '../../db/connect.js';

export interface AuditEntry {
  userId: number | null;
  action: 'create' | 'update' | 'delete' | 'login' | 'logout' | 'verify'
    // user tasks (api/services/task-service.ts)
    | 'claim' | 'unclaim' | 'assign' | 'delegate' | 'comment' | 'complete' | 'approve' | 'reject' | 'return'
    // cases (api/routes/cases.ts): open = create + start the procedure; publish = a party's event sent to the engine
    | 'open' | 'publish';
  entity: string;
  entityId: string | number | null;
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function entryHash(prevHash: string, at: Date, userId: number | null, action: string, entity: string, entityId: string | null, detail: unknown): string {
  return createHash('sha256').update(canonicalJson([prevHash, at.toISOString(), userId, action, entity, entityId, detail])).digest('hex');
}

/**
 * Appends to app.audit_log. Each entry's hash covers the previous hash and the entry, so removing or editing a
 * row breaks the chain (the table also refuses UPDATE and DELETE). Appends are serialised with an advisory lock.
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['app.audit_log']);
    const last = await trx('app.audit_log').orderBy('id', 'desc').first('hash');
    const prevHash = (last?.hash as string | undefined) ?? GENESIS;
    const at = new Date();
    // stored as the JSON it will be read back as (undefined members dropped)
    const detail = JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>;
    const entityId = entry.entityId === null ? null : String(entry.entityId);
    const hash = entryHash(prevHash, at, entry.userId, entry.action, entry.entity, entityId, detail);
    await trx('app.audit_log').insert({ at, user_id: entry.userId, action: entry.action, entity: entry.entity, entity_id: entityId, detail, prev_hash: prevHash, hash });
  });
}

/** Recomputes the chain; returns the id of the first entry that does not match, or null when intact. */
export async function verifyAuditChain(db: Db): Promise<number | null> {
  const rows = await db('app.audit_log').orderBy('id').select('*');
  let prev = GENESIS;
  for (const row of rows) {
    const expected = entryHash(prev, new Date(row.at), row.user_id, row.action, row.entity, row.entity_id, row.detail);
    if (row.prev_hash !== prev || row.hash !== expected) return Number(row.id);
    prev = row.hash;
  }
  return null;
}
