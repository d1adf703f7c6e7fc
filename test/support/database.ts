/**
 * Real PostgreSQL for tests: DATABASE_URL when set (its server hosts the test databases), else one embedded
 * server per test run in a temporary folder (fsync off). The schema is migrated once into a template database;
 * each suite gets a copy with CREATE DATABASE … TEMPLATE (graphile-worker's trick). A suite's database is
 * dropped when the suite passed and kept, with its name printed, when it failed (pg-boss's trick).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect, quoteIdent, withDatabase, type Db } from '../../db/connect.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded-postgres.js';
import { migrateLatest } from '../../db/migrate.js';
import { testLogger } from './logger.js';

interface TestServer {
  serverUrl: string;
  templateName: string;
  stop(): Promise<void>;
}

let serverPromise: Promise<TestServer> | undefined;
let keptDatabases = 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(): Promise<TestServer> {
  const log = testLogger();
  let embedded: EmbeddedDatabase | null = null;
  let tempDir: string | null = null;
  let serverUrl: string;
  const external = process.env.DATABASE_URL?.trim();
  if (external) {
    serverUrl = external;
  } else {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'enforcement-test-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), port: await freePort(), log, durable: false });
    serverUrl = embedded.url;
  }
  const templateName = `enf_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = connect(serverUrl, { max: 1 });
  try {
    await admin.raw(`create database ${quoteIdent(templateName)} encoding 'UTF8'`);
  } finally {
    await admin.destroy();
  }
  const template = connect(withDatabase(serverUrl, templateName), { max: 1 });
  try {
    await migrateLatest(template);
  } finally {
    await template.destroy();
  }
  return {
    serverUrl,
    templateName,
    async stop() {
      if (embedded) {
        await embedded.stop();
        if (tempDir && keptDatabases === 0) await rm(tempDir, { recursive: true, force: true });
        else if (tempDir) process.stderr.write(`  kept the embedded cluster ${tempDir}/pg with the failed suites' databases\n`);
        return;
      }
      const cleanup = connect(serverUrl, { max: 1 });
      try {
        await cleanup.raw(`drop database if exists ${quoteIdent(templateName)}`);
      } finally {
        await cleanup.destroy();
      }
    },
  };
}

/** The run's PostgreSQL server with the migrated template (started on first use). */
export function testServer(): Promise<TestServer> {
  serverPromise ??= startServer();
  return serverPromise;
}

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  /** Drops the database, or keeps it (and says so) when `keep` is true. */
  release(keep: boolean): Promise<void>;
}

/** A fresh, migrated database copied from the template. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const server = await testServer();
  const name = `enf_test_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30)}_${randomBytes(3).toString('hex')}`;
  const admin = connect(server.serverUrl, { max: 1 });
  try {
    await admin.raw(`create database ${quoteIdent(name)} template ${quoteIdent(server.templateName)}`);
  } finally {
    await admin.destroy();
  }
  const url = withDatabase(server.serverUrl, name);
  const db = connect(url, { max: 10 });
  return {
    name,
    url,
    db,
    async release(keep: boolean) {
      await db.destroy();
      if (keep) {
        keptDatabases += 1;
        process.stderr.write(`  kept database ${name} of a failed suite for inspection: ${url.replace(/:[^:@/]+@/, ':***@')}\n`);
        return;
      }
      const cleanup = connect(server.serverUrl, { max: 1 });
      try {
        await cleanup.raw(`drop database if exists ${quoteIdent(name)} with (force)`);
      } finally {
        await cleanup.destroy();
      }
    },
  };
}

/** Stops the run's server (embedded) or drops the template (external); called once from the root hooks. */
export async function stopTestServer(): Promise<void> {
  if (!serverPromise) return;
  const server = await serverPromise;
  serverPromise = undefined;
  await server.stop();
}
