/**
 * `npm run start:workers`: the job workers alone, for a deployment with several nodes. Uses DATABASE_URL, or starts
 * the embedded PostgreSQL under DATA_DIR (db/open-database.ts, like every deployable), runs the migrations and polls
 * ZEEBE_ADDRESS (default: the embedded engine on localhost:ENGINE_GRPC_PORT). `npm start` runs the same workers
 * in-process (root main.ts).
 */
import { pino } from 'pino';
import { openDatabase, type OpenDatabase } from '../db/open-database.js';
import type { ZeebeWorkers } from './adapters/zeebe-workers.js';
import { loadWorkersConfig } from './config.js';
import { startWorkers } from './start-workers.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadWorkersConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const log = pino({ level: config.logLevel, base: { service: 'engine-workers' } });
  let database: OpenDatabase | null = null;
  let workers: ZeebeWorkers | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    await workers?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, embeddedPgPort: config.embeddedPgPort, poolSize: config.maxJobsPerType + 2, log });
    workers = await startWorkers({ db: database.db, config, log });
  } catch (error) {
    log.fatal({ err: error }, 'workers start-up failed');
    await workers?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
