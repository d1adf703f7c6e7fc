/**
 * `npm start`: the whole platform in one process — embedded PostgreSQL (unless DATABASE_URL is set), migrations,
 * demo data, the embedded engine (unless ZEEBE_ADDRESS names a Zeebe cluster), the job workers and the API serving
 * the console. `npm run start:api` starts the API alone; `npm run start:engine` the engine alone (engine/main.ts);
 * `npm run start:workers` the workers alone (engine-workers/main.ts).
 * This file is the one place outside engine/ that imports the engine's index.ts, to run it in-process.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { openDatabase, type OpenDatabase } from './db/open-database.js';
import { createApp } from './api/app.js';
import { systemClock } from './api/clock.js';
import { seedDemo } from './api/seed/seed-demo.js';
import { DEMO_PASSWORD, DEMO_USERS } from './api/seed/demo-data.js';
import { createControlledClock, createEngine, loadEngineConfig, systemClock as engineSystemClock, type Engine } from './engine/index.js';
import { loadWorkersConfig } from './engine-workers/config.js';
import { startWorkers } from './engine-workers/start-workers.js';
import type { ZeebeWorkers } from './engine-workers/adapters/zeebe-workers.js';
import { ZBClient } from 'zeebe-node';
import { deployProcedures } from './api/services/procedure-deployment.js';
import { startUserTaskWorker, type UserTaskWorker } from './api/services/user-task-worker.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  let config;
  let engineConfig;
  let workersConfig;
  try {
    config = loadConfig();
    engineConfig = loadEngineConfig();
    workersConfig = loadWorkersConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const log = pino({ level: config.logLevel, base: { service: 'platform' } });

  let database: OpenDatabase | null = null;
  let engine: Engine | null = null;
  let workers: ZeebeWorkers | null = null;
  let server: Server | null = null;
  let zeebe: ZBClient | null = null;
  let userTasks: UserTaskWorker | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await userTasks?.stop();
    await zeebe?.close(2000).catch(() => undefined);
    await workers?.stop().catch((error: unknown) => log.warn({ err: error }, 'workers stop failed'));
    await engine?.stop().catch((error: unknown) => log.warn({ err: error }, 'engine stop failed'));
    await database?.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, embeddedPgPort: config.embeddedPgPort, poolSize: 20, log });
    const { db } = database;
    let zeebeAddress = config.zeebeAddress;
    if (config.components.includes('engine')) {
      engine = createEngine({ db, clock: engineConfig.clockControlled ? createControlledClock() : engineSystemClock, log: log.child({ component: 'engine' }), config: engineConfig });
      const { grpcPort } = await engine.start();
      zeebeAddress = `localhost:${grpcPort}`;
    }
    if (config.components.includes('workers') && zeebeAddress) {
      workers = await startWorkers({ db, config: workersConfig, log: log.child({ component: 'workers' }), zeebeAddress });
    }
    if (!config.components.includes('api')) {
      log.info({ zeebeAddress, startupMs: Math.round(performance.now()) }, 'engine ready');
      return;
    }
    const seeded = config.seedDemo ? await seedDemo(db, log) : false;
    if (zeebeAddress) {
      // the API's own gateway client: opening cases, the user-task worker (Tasklist pattern), task completion
      zeebe = new ZBClient(zeebeAddress, { loglevel: 'NONE', useTLS: false });
      await deployProcedures(zeebe, log);
      userTasks = startUserTaskWorker({ db, zeebe, log: log.child({ component: 'tasks' }) });
    }

    const app = createApp({
      db,
      log,
      clock: systemClock,
      sessionTtlHours: config.sessionTtlHours,
      secureCookies: config.secureCookies,
      webDist: path.join(ROOT, 'web', 'dist'),
      zeebe,
      dataDir: config.dataDir,
      evidenceMaxBytes: config.evidenceMaxBytes,
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const startupMs = Math.round(performance.now());
    log.info({ url: `http://localhost:${port}`, zeebeAddress, startupMs, seeded }, 'platform ready');
    if (config.seedDemo) printBanner(port, zeebeAddress);
  } catch (error) {
    log.fatal({ err: error }, 'start-up failed');
    await userTasks?.stop().catch(() => undefined);
    await zeebe?.close(1000).catch(() => undefined);
    await workers?.stop().catch(() => undefined);
    await engine?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

function printBanner(port: number, zeebeAddress: string | null): void {
  const lines = [
    '',
    `  行政执法一体化平台 is ready: http://localhost:${port}   (API docs: http://localhost:${port}/api/docs/)`,
    `  Zeebe gateway (engine): ${zeebeAddress ?? 'none'}`,
    `  Demo logins (password ${DEMO_PASSWORD} for all):`,
    ...DEMO_USERS.map((u) => `    ${u.username.padEnd(20)} ${u.roles.join(',').padEnd(18)} ${u.displayName}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
