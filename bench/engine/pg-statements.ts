/**
 * Diagnostic, not part of the figures: runs bench/engine/run.ts against a throw-away embedded PostgreSQL with
 * pg_stat_statements loaded and prints the statements by total execution time. `npx tsx bench/engine/pg-statements.ts`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pino } from 'pino';
import { connect, ensureDatabase } from '../../db/connect.js';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { freePort } from '../../test/support/database.js';
const log = pino({ level: 'warn' });
const tmp = await mkdtemp(path.join(os.tmpdir(), 'pgss-'));
const port = await freePort();
let pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port, log, durable: true });
const admin = connect(pg.url, { max: 1 });
await admin.raw("alter system set shared_preload_libraries = 'pg_stat_statements'");
await admin.raw("alter system set pg_stat_statements.track = 'all'");
await admin.destroy();
await pg.stop();
pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port, log, durable: true });
const url = await ensureDatabase(pg.url, 'bench');
const db = connect(url, { max: 1 });
await db.raw('create extension pg_stat_statements');
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/engine/run.ts', '--instances', '3000', '--warmup', '200'], { env: { ...process.env, BENCH_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (c: Buffer) => (out += c.toString()));
await new Promise((r) => child.once('exit', r));
process.stdout.write(`${out.split('\n').filter((l) => /InstancesPerSecond|postgres|engine"/.test(l)).join('\n')}\n`);
const r = await db.raw("select calls, round(total_exec_time::numeric,0) as exec_ms, round(total_plan_time::numeric,0) as plan_ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as q from pg_stat_statements order by total_exec_time desc limit 25");
for (const row of r.rows as Array<Record<string, unknown>>) console.log(String(row.calls).padStart(7), String(row.exec_ms).padStart(7), String(row.plan_ms).padStart(5), String(row.rows).padStart(7), row.q);
await db.destroy();
await pg.stop();
await rm(tmp, { recursive: true, force: true });
