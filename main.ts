/**
 * `npm start`: the whole platform in one process — embedded PostgreSQL (unless DATABASE_URL is set), migrations,
 * demo data, and the API serving the console. `npm run start:api` starts the API alone against DATABASE_URL or
 * the same embedded server.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { connect, ensureDatabase, type Db } from './db/connect.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { migrateLatest } from './db/migrate.js';
import { createApp } from './api/app.js';
import { systemClock } from './api/clock.js';
import { seedDemo } from './api/seed/seed-demo.js';
import { DEMO_PASSWORD, DEMO_USERS } from './api/seed/demo-data.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const DATABASE_NAME = 'enforcement';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const log = pino({ level: config.logLevel, base: { service: 'platform' } });

  let embedded: EmbeddedDatabase | null = null;
  let db: Db | null = null;
  let server: Server | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await db?.destroy();
    await embedded?.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let url: string;
    if (config.databaseUrl) {
      url = config.databaseUrl;
      log.info({ database: new URL(url).host }, 'using external PostgreSQL (DATABASE_URL)');
    } else {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, log, durable: true });
      url = await ensureDatabase(embedded.url, DATABASE_NAME);
    }
    db = connect(url, { max: 20 });
    const applied = await migrateLatest(db);
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
    const seeded = config.seedDemo ? await seedDemo(db, log) : false;

    const app = createApp({
      db,
      log,
      clock: systemClock,
      sessionTtlHours: config.sessionTtlHours,
      secureCookies: config.secureCookies,
      webDist: path.join(ROOT, 'web', 'dist'),
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const startupMs = Math.round(performance.now());
    log.info({ url: `http://localhost:${port}`, startupMs, seeded }, 'platform ready');
    if (config.seedDemo) printBanner(port);
  } catch (error) {
    log.fatal({ err: error }, 'start-up failed');
    await db?.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

function printBanner(port: number): void {
  const lines = [
    '',
    `  行政执法一体化平台 is ready: http://localhost:${port}   (API docs: http://localhost:${port}/api/docs/)`,
    `  Demo logins (password ${DEMO_PASSWORD} for all):`,
    ...DEMO_USERS.map((u) => `    ${u.username.padEnd(20)} ${u.roles.join(',').padEnd(18)} ${u.displayName}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
