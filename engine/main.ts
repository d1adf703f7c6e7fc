/**
 * `npm run start:engine`: the engine alone. Uses DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR
 * (db/open-database.ts, like every deployable), runs the migrations and serves the gateway on ENGINE_GRPC_PORT
 * (default 26500) and the management port on ENGINE_MANAGEMENT_PORT (default 9600; with
 * ENGINE_CLOCK_CONTROLLED=true, Zeebe's clock actuator).
 */
import path from 'node:path';
import { pino } from 'pino';
import { openDatabase, type OpenDatabase } from '../db/open-database.js';
import { createControlledClock, systemClock } from './clock.js';
import { loadEngineConfig } from './config.js';
import { createEngine, type Engine } from './index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadEngineConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'engine' } });
  let database: OpenDatabase | null = null;
  let engine: Engine | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 5000).unref();
    await engine?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    database = await openDatabase({
      databaseUrl: process.env.DATABASE_URL?.trim() || null,
      dataDir: path.resolve(process.env.DATA_DIR ?? 'data'),
      embeddedPgPort: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      poolSize: config.poolSize,
      log,
    });
    engine = createEngine({ db: database.db, clock: config.clockControlled ? createControlledClock() : systemClock, log, config });
    const { grpcPort, managementPort } = await engine.start();
    log.info({ grpcAddress: `localhost:${grpcPort}`, managementPort }, 'engine ready');
  } catch (error) {
    log.fatal({ err: error }, 'engine start-up failed');
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
