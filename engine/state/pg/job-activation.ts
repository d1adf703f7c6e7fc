/**
 * ActivateJobs: claims up to N activatable jobs of a type, appends their ACTIVATED records and reads their
 * variables, all in one statement (one round trip, its own transaction).
 *
 * Locking choice (as graphile-worker's getJobs explains for its queue): FOR UPDATE SKIP LOCKED in the sub-select
 * lets many concurrent long polls, on any number of engine nodes, each take different rows without waiting on one
 * another, and a row can never be handed to two requests: the UPDATE only touches rows this statement locked while
 * they were ACTIVATABLE. A row locked by a command in flight (complete, fail…) is skipped; that command notifies
 * again if it leaves the job activatable.
 */
import type { Db } from '../../../db/connect.js';
import type { Job } from '../types.js';
import { JOBS_CHANNEL, appendRecords } from './instance-repository.js';
import { toJob } from './rows.js';
import { prepared, withTransaction } from './sql.js';

export interface ActivationRequest {
  type: string;
  worker: string;
  timeout: number;
  maxJobs: number;
  fetchVariables: readonly string[];
  now: number;
}

export interface ActivatedJob {
  job: Job;
  variables: Record<string, unknown>;
}

const ACTIVATE = `
  with claimed as (
    update engine.jobs j set state = 'ACTIVATED', worker = $2, deadline = $3
    where j.key in (select key from engine.jobs where type = $1 and state = 'ACTIVATABLE' order by key limit $4 for update skip locked)
    returning j.*
  ),
  recorded as (
    insert into engine.records (record_type, value_type, intent, key, process_instance_key, timestamp, payload)
    select 'EVENT', 'JOB', 'ACTIVATED', c.key, c.process_instance_key, $5,
           jsonb_build_object('type', c.type, 'worker', c.worker, 'deadline', c.deadline, 'retries', c.retries, 'elementInstanceKey', c.element_instance_key::text)
    from claimed c
  )
  select to_jsonb(c) as job,
         (select coalesce(jsonb_agg(jsonb_build_object('s', v.scope_key::text, 'n', v.name, 'v', v.value)), '[]'::jsonb)
            from engine.variables v
           where v.scope_key = any(c.scope_keys) and ($6::text[] is null or v.name = any($6::text[]))) as variables
  from claimed c
  order by c.key`;

export async function activateJobs(db: Db, request: ActivationRequest): Promise<ActivatedJob[]> {
  const fetch = request.fetchVariables.length > 0 ? [...request.fetchVariables] : null;
  const result = await prepared(db, 'engine_activate_jobs', ACTIVATE, [request.type, request.worker, request.now + request.timeout, request.maxJobs, request.now, fetch]);
  return result.rows.map((row) => {
    const job = toJob(row.job as Record<string, unknown>);
    const byScope = new Map<string, Record<string, unknown>>();
    for (const v of row.variables as Array<{ s: string; n: string; v: unknown }>) {
      let scope = byScope.get(v.s);
      if (!scope) byScope.set(v.s, (scope = {}));
      scope[v.n] = v.v;
    }
    const variables: Record<string, unknown> = {};
    for (let i = job.scopeKeys.length - 1; i >= 0; i--) Object.assign(variables, byScope.get(job.scopeKeys[i]!));
    return { job, variables };
  });
}

/** A call that went away after its jobs were claimed: give them back at once instead of waiting for their timeout. */
export async function yieldJobs(db: Db, jobs: readonly Job[], now: number): Promise<string[]> {
  if (jobs.length === 0) return [];
  return withTransaction(db, async (sql) => {
    const r = await sql(
      `update engine.jobs set state = 'ACTIVATABLE', worker = null, deadline = null
       where key = any($1::bigint[]) and state = 'ACTIVATED' and worker = $2 returning key, type, process_instance_key`,
      [jobs.map((j) => j.key), jobs[0]!.worker],
    );
    const rows = r.rows as Array<{ key: unknown; type: string; process_instance_key: unknown }>;
    await appendRecords(sql, rows.map((row) => ({ recordType: 'EVENT' as const, valueType: 'JOB' as const, intent: 'YIELDED', key: String(row.key), processInstanceKey: String(row.process_instance_key), timestamp: now, payload: { type: row.type } })));
    const types = [...new Set(rows.map((row) => row.type))];
    if (types.length > 0) await sql('select pg_notify($1, t) from unnest($2::text[]) as t', [JOBS_CHANNEL, types]);
    return types;
  });
}
