/**
 * Case-handling harness (API and browser tiers): the real embedded engine with a controlled clock, the real job
 * workers, the statutory procedures of processes/ deployed through the gateway (as `npm start` does), the API with its
 * own gateway client and its user-task worker (the Tasklist pattern), over one fresh demo database. `listen: true`
 * also serves the built console on a loopback port for Chromium.
 *
 * The engine clock starts at the real time; `startAt` pins it, `advance` moves it and fires what fell due. The API
 * and workers read the same clock, so stored due dates and timers agree.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import supertest from 'supertest';
import type { ZBClient } from 'zeebe-node';
import { createApp } from '../../api/app.js';
import type { Clock } from '../../api/clock.js';
import { DEMO_PASSWORD } from '../../api/seed/demo-data.js';
import { seedDemo } from '../../api/seed/seed-demo.js';
import { deployProcedures } from '../../api/services/procedure-deployment.js';
import { startUserTaskWorker, type UserTaskWorker } from '../../api/services/user-task-worker.js';
import type { ZeebeWorkers } from '../../engine-workers/adapters/zeebe-workers.js';
import { loadWorkersConfig } from '../../engine-workers/config.js';
import { startWorkers } from '../../engine-workers/start-workers.js';
import { useEngine, waitUntil, type EngineHarness } from '../engine/support/engine-harness.js';
import { testLogger } from './logger.js';

// TEST_WEB_DIST lets a developer test a console built elsewhere (vite build --outDir …) while web/dist is in use
const WEB_DIST = process.env.TEST_WEB_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export interface CasePlatform {
  readonly h: EngineHarness;
  readonly app: Express;
  /** The API's gateway client (the one its routes use). */
  readonly zeebe: ZBClient;
  readonly dataDir: string;
  /** Set with `listen: true`: the console and API on a loopback port. */
  readonly baseUrl: string;
  readonly clock: Clock;
  signIn(username: string, password?: string): Promise<supertest.Agent>;
  anonymous(): supertest.Agent;
  startAt(iso: string): void;
  advance(ms: number): Promise<void>;
  /** Waits until app.tasks has an open task for the element (of the case, when given) and returns its row. */
  taskRow(elementId: string, caseRef?: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  bodyId(nameFragment: string): Promise<number>;
  userId(login: string): Promise<number>;
}

export function useCasePlatform(label: string, options: { listen?: boolean } = {}): CasePlatform {
  let workers: ZeebeWorkers | null = null;
  let userTasks: UserTaskWorker | null = null;
  let server: Server | null = null;
  let dataDir = '';
  let app: Express | null = null;
  let zeebe: ZBClient | null = null;
  let baseUrl = '';
  const sessions = new Map<string, supertest.Agent>();

  // registered before useEngine's hooks: mocha runs `after` hooks in definition order, and everything that talks to
  // the engine must stop while it still answers
  after(async function () {
    this.timeout(30_000);
    await userTasks?.stop();
    await workers?.stop();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const h = useEngine(label, { managementPort: -1 });
  const clock: Clock = { now: () => new Date(h.clock.now()) };

  before(async function () {
    this.timeout(120_000);
    const db = h.database.db;
    await seedDemo(db, testLogger());
    dataDir = await mkdtemp(path.join(os.tmpdir(), `cases-${label}-`));
    const config = { ...loadWorkersConfig({ DATA_DIR: dataDir } as NodeJS.ProcessEnv), retryBackoffMs: 200, longPollMs: 500 };
    workers = await startWorkers({ db, config, log: testLogger(), zeebeAddress: `127.0.0.1:${h.port}`, clock });
    zeebe = h.newClient();
    await deployProcedures(zeebe, testLogger());
    userTasks = startUserTaskWorker({ db, zeebe, log: testLogger() });
    if (options.listen && !existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error(`Expected the built console in ${WEB_DIST}, but it is missing: run npm run build:web`);
    app = createApp({ db, log: testLogger(), clock, sessionTtlHours: 12, secureCookies: false, webDist: options.listen ? WEB_DIST : null, zeebe, dataDir });
    if (options.listen) {
      server = await new Promise<Server>((resolve) => {
        const s = app!.listen(0, '127.0.0.1', () => resolve(s));
      });
      const address = server.address();
      baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }
  });

  const platform: CasePlatform = {
    h,
    get app() {
      return app!;
    },
    get zeebe() {
      return zeebe!;
    },
    get dataDir() {
      return dataDir;
    },
    get baseUrl() {
      return baseUrl;
    },
    clock,
    anonymous: () => supertest.agent(app!),
    async signIn(username, password = DEMO_PASSWORD) {
      const key = `${username}\u0000${password}`;
      const cached = sessions.get(key);
      if (cached) return cached;
      const agent = supertest.agent(app!);
      const response = await agent.post('/api/auth/login').send({ username, password });
      if (response.status !== 200) throw new Error(`Expected to sign in as '${username}', but got ${response.status}: ${JSON.stringify(response.body)}`);
      sessions.set(key, agent);
      return agent;
    },
    startAt(iso) {
      h.clock.pin(Date.parse(iso));
    },
    async advance(ms) {
      h.clock.add(ms);
      await h.engine.sweep();
    },
    async taskRow(elementId, caseRef, timeoutMs = 15_000) {
      return waitUntil(
        async () => {
          const q = h.database.db('app.tasks').where({ element_id: elementId, state: 'created' });
          if (caseRef) q.andWhere({ case_ref: caseRef });
          return (await q.orderBy('id', 'desc').first()) as Record<string, unknown> | undefined;
        },
        timeoutMs,
        `open task '${elementId}'${caseRef ? ` of ${caseRef}` : ''}`,
      );
    },
    async bodyId(nameFragment) {
      const r = await h.database.db.raw('select id from app.enforcement_bodies where name like ? order by id limit 1', [`%${nameFragment}%`]);
      if (!r.rows[0]) throw new Error(`Expected a demo enforcement body named like '${nameFragment}'`);
      return Number(r.rows[0].id);
    },
    async userId(login) {
      const r = await h.database.db.raw('select id from app.users where username = ?', [login]);
      if (!r.rows[0]) throw new Error(`Expected a demo user '${login}'`);
      return Number(r.rows[0].id);
    },
  };
  return platform;
}
