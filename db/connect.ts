import knex, { type Knex } from 'knex';
import pg from 'pg';

// DATE columns are calendar days: keep them as 'YYYY-MM-DD' strings, never shift them through a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// int8 (bigint) counts come back as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export type Db = Knex;

export function connect(url: string, pool: { min?: number; max?: number } = {}): Db {
  return knex({
    client: 'pg',
    connection: url,
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
    asyncStackTraces: false,
  });
}

/** Returns the URL of `database` on the same server as `serverUrl`, creating the database if missing. */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<string> {
  const admin = connect(serverUrl, { max: 1 });
  try {
    const found = await admin.raw('select 1 from pg_database where datname = ?', [database]);
    if (found.rows.length === 0) {
      const templateClause = template ? ` template ${quoteIdent(template)}` : '';
      await admin.raw(`create database ${quoteIdent(database)}${templateClause} encoding 'UTF8'`);
    }
  } finally {
    await admin.destroy();
  }
  return withDatabase(serverUrl, database);
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
