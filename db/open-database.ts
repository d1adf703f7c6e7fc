import path from 'node:path';
import type { Logger } from 'pino';
import { connect, ensureDatabase, type Db } from './connect.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { migrateLatest } from './migrate.js';

export interface OpenDatabaseOptions {
  /** External PostgreSQL; null starts the embedded server under dataDir/pg. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  poolSize: number;
  log: Logger;
}

export interface OpenDatabase {
  db: Db;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

export const DATABASE_NAME = 'enforcement';

/**
 * The one way a deployable reaches its database: DATABASE_URL, or the embedded PostgreSQL (database
 * `enforcement`), migrated to the latest schema before anything else touches it.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const { log } = options;
  let embedded: EmbeddedDatabase | null = null;
  let db: Db | null = null;
  try {
    let url: string;
    if (options.databaseUrl) {
      url = options.databaseUrl;
      log.info({ database: new URL(url).host }, 'using external PostgreSQL (DATABASE_URL)');
    } else {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, 'pg'), port: options.embeddedPgPort, log, durable: true });
      url = await ensureDatabase(embedded.url, DATABASE_NAME);
    }
    db = connect(url, { max: options.poolSize });
    const applied = await migrateLatest(db);
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  const opened = db;
  let closed = false;
  return {
    db: opened,
    async close() {
      if (closed) return;
      closed = true;
      await opened.destroy().catch((error: unknown) => log.warn({ err: error }, 'closing the database pool failed'));
      await embedded?.stop();
    },
  };
}
