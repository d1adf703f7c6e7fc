/**
 * The hot path talks to PostgreSQL through a raw pg connection borrowed from knex's pool: one round trip per
 * statement, $n parameters, no query building. Transactions are BEGIN … COMMIT on that connection.
 */
import pg from 'pg';
import type { Db } from '../../../db/connect.js';

export interface QueryResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number | null;
}

export type Sql = (text: string, values?: readonly unknown[]) => Promise<QueryResult>;

/** Several statements sent as one simple query (one round trip); returns one result per statement. */
export type Batch = (text: string) => Promise<QueryResult[]>;

interface PgConnection {
  query(text: string | { name: string; text: string; values: unknown[] }, values?: readonly unknown[]): Promise<QueryResult>;
}

interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

export async function withConnection<T>(db: Db, run: (sql: Sql, batch: Batch) => Promise<T>): Promise<T> {
  const client = db.client as KnexClient;
  const connection = await client.acquireConnection();
  try {
    const batch: Batch = async (text) => {
      const result = (await connection.query(text)) as unknown as QueryResult | QueryResult[];
      return Array.isArray(result) ? result : [result];
    };
    return await run((text, values) => connection.query(text, values as unknown[]), batch);
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * A SQL literal for the simple-query protocol (which allows several statements per round trip but no parameters):
 * strings go through pg's escapeLiteral; numbers must be finite; arrays become ARRAY[…] of literals.
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Expected a finite number for a SQL literal, but got ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(',')}]`;
  return pg.escapeLiteral(JSON.stringify(value));
}

/** Runs `run` in one transaction; any exception rolls it back and is rethrown. */
export async function withTransaction<T>(db: Db, run: (sql: Sql) => Promise<T>): Promise<T> {
  return withConnection(db, async (sql) => {
    await sql('begin');
    try {
      const result = await run(sql);
      await sql('commit');
      return result;
    } catch (error) {
      await sql('rollback').catch(() => undefined);
      throw error;
    }
  });
}

export function query(db: Db, text: string, values?: readonly unknown[]): Promise<QueryResult> {
  return withConnection(db, (sql) => sql(text, values));
}

/** A named prepared statement: parsed and planned once per pooled connection. */
export async function prepared(db: Db, name: string, text: string, values: readonly unknown[]): Promise<QueryResult> {
  const client = db.client as KnexClient;
  const connection = await client.acquireConnection();
  try {
    return await connection.query({ name, text, values: [...values] });
  } finally {
    await client.releaseConnection(connection);
  }
}
