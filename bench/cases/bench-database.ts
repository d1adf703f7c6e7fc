/**
 * The case-handling benchmark's database, shared by the generator and the runner: BENCH_DATABASE_URL when set
 * (database `cases_bench` on that server), else an embedded PostgreSQL kept under `--dir` (default
 * data/bench-cases, gitignored) so that one generated data set serves many runs.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { connect, ensureDatabase, withDatabase, type Db } from '../../db/connect.js';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';

export const BENCH_DATABASE = 'cases_bench';
export const BENCH_PG_PORT = 55_432;

export interface BenchDatabase {
  /** URL of the maintenance database (to drop and create the bench database). */
  serverUrl: string;
  url: string;
  connect(max: number): Db;
  stop(): Promise<void>;
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

export function argNumber(name: string, fallback: number): number {
  const value = argValue(name) ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`Expected --${name} to be a non-negative number, but it is '${value}'`);
  return n;
}

export async function openBenchServer(log: Logger): Promise<BenchDatabase> {
  const external = process.env.BENCH_DATABASE_URL?.trim();
  if (external) {
    return { serverUrl: external, url: withDatabase(external, BENCH_DATABASE), connect: (max) => connect(withDatabase(external, BENCH_DATABASE), { max }), stop: async () => undefined };
  }
  const dir = path.resolve(argValue('dir') ?? path.join('data', 'bench-cases'));
  // fsync off: the data set is regenerated at will, and the benchmark itself only reads
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: argNumber('pg-port', BENCH_PG_PORT), log, durable: false });
  const url = withDatabase(pg.url, BENCH_DATABASE);
  return { serverUrl: pg.url, url, connect: (max) => connect(url, { max }), stop: () => pg.stop() };
}

export async function ensureBenchDatabase(server: BenchDatabase): Promise<void> {
  await ensureDatabase(server.serverUrl, BENCH_DATABASE);
}
