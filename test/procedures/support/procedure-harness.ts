/**
 * End-to-end procedure scenarios: the statutory procedures of processes/ on the real embedded engine with its
 * controlled clock, the real job workers (engine-workers/) on the same PostgreSQL, the 三明市 demo data (bodies,
 * officers with 执法证, the official holiday calendar), and a user-task inbox that keeps every
 * io.camunda.zeebe:userTask job as Camunda's Tasklist does, so a scenario can complete "the officer's task".
 *
 * The clock starts pinned at a date the scenario chooses (`startAt`), so computed due dates are exact.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ZBClient } from 'zeebe-node';
import { seedDemo } from '../../../api/seed/seed-demo.js';
import type { ZeebeWorkers } from '../../../engine-workers/adapters/zeebe-workers.js';
import { loadWorkersConfig } from '../../../engine-workers/config.js';
import { startWorkers } from '../../../engine-workers/start-workers.js';
import { testLogger } from '../../support/logger.js';
import { activateOnce, EMPTY_STATE, incidentsOf, leftoverState, useEngine, waitUntil, type EngineHarness } from '../../engine/support/engine-harness.js';
import { processResources } from './processes.js';

export interface InboxTask {
  jobKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  headers: Record<string, string>;
  variables: Record<string, unknown>;
}

export interface ProcedureHarness {
  readonly h: EngineHarness;
  readonly client: ZBClient;
  /** Pins the engine clock (and so the workers' clock) to an instant, e.g. '2026-09-28T09:00:00+08:00'. */
  startAt(iso: string): void;
  /** Moves the clock forward and lets the scheduler fire what fell due. */
  advance(ms: number): Promise<void>;
  /** Moves the clock to an instant (never backwards) and fires what fell due. */
  advanceTo(iso: string): Promise<void>;
  /** Starts a procedure; returns the process instance key. */
  start(bpmnProcessId: string, variables: Record<string, unknown>): Promise<string>;
  /** Waits for the user task `elementId` of the instance (or of any instance when null) in the inbox. */
  task(processInstanceKey: string | null, elementId: string, timeoutMs?: number): Promise<InboxTask>;
  /** Waits for the user task and completes it with the form's variables. */
  complete(processInstanceKey: string | null, elementId: string, variables?: Record<string, unknown>): Promise<InboxTask>;
  /** Open user tasks of the instance, by element id. */
  openTasks(processInstanceKey: string): string[];
  publish(name: string, correlationKey: string, variables?: Record<string, unknown>): Promise<void>;
  /** Element ids the instance has completed (ELEMENT_COMPLETED records), in order. */
  completedElements(processInstanceKey: string): Promise<string[]>;
  /** Waits until the element has completed (or been activated with `intent`). */
  reached(processInstanceKey: string, elementId: string, intent?: 'ELEMENT_ACTIVATED' | 'ELEMENT_COMPLETED', timeoutMs?: number): Promise<void>;
  /** The instance's root variables (fails if the instance ended). */
  variables(processInstanceKey: string): Promise<Record<string, unknown>>;
  /** The variables the instance ended with (from its records). */
  incidents(processInstanceKey: string): ReturnType<typeof incidentsOf>;
  /** Fails with the incidents' messages if the instance (or any instance it started) has one. */
  expectNoIncidents(processInstanceKey?: string): Promise<void>;
  /** Waits until the instance ended and checks that no engine rows of it are left. */
  finished(processInstanceKey: string, timeoutMs?: number): Promise<void>;
  /** Process instances started by this one's call activities (children, grandchildren). */
  descendants(processInstanceKey: string): Promise<string[]>;
  documents(processInstanceKeys: string[]): Promise<Array<{ kind: string; number: string | null; format: string; sha256: string; fields: Record<string, unknown> }>>;
  deadlines(processInstanceKeys: string[]): Promise<Array<Record<string, unknown>>>;
  /** Demo data ids: body by name fragment, officer user ids by login. */
  bodyId(nameFragment: string): Promise<number>;
  userId(login: string): Promise<number>;
}

const USER_TASK = 'io.camunda.zeebe:userTask';

export function useProcedures(label: string): ProcedureHarness {
  let workers: ZeebeWorkers | null = null;
  let inboxClient: ZBClient | null = null;
  let dataDir = '';
  const inbox = new Map<string, InboxTask>();
  let polling = false;

  // registered before useEngine's hooks: mocha runs `after` hooks in the order they were defined, and the workers and
  // the inbox must stop while the engine still answers (else their clients keep reconnecting and mocha never exits)
  after(async () => {
    polling = false;
    await workers?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const h = useEngine(label, { managementPort: -1 });

  before(async function () {
    this.timeout(60_000);
    await seedDemo(h.database.db, testLogger());
    const deployed = await h.deployMany(processResources());
    if (!deployed) throw new Error('Expected the procedures to deploy');
    dataDir = await mkdtemp(path.join(os.tmpdir(), `procedures-${label}-`));
    const config = { ...loadWorkersConfig({ DATA_DIR: dataDir } as NodeJS.ProcessEnv), retryBackoffMs: 200, longPollMs: 500 };
    workers = await startWorkers({ db: h.database.db, config, log: testLogger(), zeebeAddress: `127.0.0.1:${h.port}`, clock: { now: () => new Date(h.clock.now()) } });
    inboxClient = h.newClient();
    polling = true;
    void pollInbox();
  });

  /** The Tasklist pattern: activate every user-task job with a long timeout and keep it until completed. */
  async function pollInbox(): Promise<void> {
    while (polling) {
      try {
        // the raw stream: zeebe-node's activateJobs resolves only on a message, so a long poll that ends without jobs
        // (requestTimeout) would leave it pending for ever and the inbox would miss every later task
        const res = await activateOnce(inboxClient!, USER_TASK, { maxJobs: 100, timeout: 10 * 365 * 86_400_000, requestTimeout: 300 });
        for (const job of res as unknown as Array<{ key: string; processInstanceKey: string; bpmnProcessId: string; elementId: string; customHeaders: Record<string, string>; variables: Record<string, unknown> }>) {
          inbox.set(job.key, { jobKey: job.key, processInstanceKey: job.processInstanceKey, bpmnProcessId: job.bpmnProcessId, elementId: job.elementId, headers: job.customHeaders, variables: job.variables });
        }
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  const db = () => h.database.db;

  const harness: ProcedureHarness = {
    h,
    get client() {
      return h.client;
    },
    startAt(iso) {
      h.clock.pin(Date.parse(iso));
    },
    async advance(ms) {
      h.clock.add(ms);
      await h.engine.sweep();
    },
    async advanceTo(iso) {
      const target = Date.parse(iso);
      if (target > h.clock.now()) h.clock.add(target - h.clock.now());
      await h.engine.sweep();
    },
    async start(bpmnProcessId, variables) {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId, variables: variables as never });
      return String(processInstanceKey);
    },
    async task(processInstanceKey, elementId, timeoutMs = 10_000) {
      return waitUntil(
        async () => {
          for (const t of inbox.values()) {
            if (t.elementId !== elementId || (processInstanceKey !== null && t.processInstanceKey !== processInstanceKey)) continue;
            // a task the engine cancelled (an interrupting boundary event, a terminate end) leaves the list, as in Tasklist
            const job = await db().raw('select 1 from engine.jobs where key = ?', [t.jobKey]);
            if (job.rows.length > 0) return t;
            inbox.delete(t.jobKey);
          }
          const stuck = processInstanceKey ? await incidentsOf(h, processInstanceKey) : [];
          if (stuck.length > 0) throw new Error(`Expected user task '${elementId}', but the instance has incidents: ${stuck.map((i) => `${i.elementId}: ${i.errorMessage}`).join('; ')}`);
          return null;
        },
        timeoutMs,
        `user task '${elementId}'`,
      );
    },
    async complete(processInstanceKey, elementId, variables = {}) {
      const t = await harness.task(processInstanceKey, elementId);
      await h.client.completeJob({ jobKey: t.jobKey, variables: variables as never });
      inbox.delete(t.jobKey);
      return t;
    },
    openTasks(processInstanceKey) {
      return [...inbox.values()].filter((t) => t.processInstanceKey === processInstanceKey).map((t) => t.elementId);
    },
    async publish(name, correlationKey, variables = {}) {
      await h.client.publishMessage({ name, correlationKey, variables, timeToLive: 60_000 });
    },
    async completedElements(processInstanceKey) {
      const r = await db().raw("select payload->>'elementId' as id from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' order by position", [processInstanceKey]);
      return (r.rows as Array<{ id: string }>).map((x) => x.id);
    },
    async reached(processInstanceKey, elementId, intent = 'ELEMENT_COMPLETED', timeoutMs = 10_000) {
      await waitUntil(
        async () => {
          const r = await db().raw("select 1 from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = ? and payload->>'elementId' = ? limit 1", [processInstanceKey, intent, elementId]);
          if (r.rows.length > 0) return true;
          const stuck = await incidentsOf(h, processInstanceKey);
          if (stuck.length > 0) throw new Error(`Expected '${elementId}' to be reached, but the instance has incidents: ${stuck.map((i) => `${i.elementId}: ${i.errorMessage}`).join('; ')}`);
          return null;
        },
        timeoutMs,
        `'${elementId}' ${intent}`,
      );
    },
    async variables(processInstanceKey) {
      const r = await db().raw('select name, value from engine.variables where scope_key = ?', [processInstanceKey]);
      return Object.fromEntries((r.rows as Array<{ name: string; value: unknown }>).map((v) => [v.name, v.value]));
    },
    incidents: (processInstanceKey) => incidentsOf(h, processInstanceKey),
    async expectNoIncidents(processInstanceKey) {
      const r = processInstanceKey
        ? await db().raw('select element_id, error_message from engine.incidents where process_instance_key = any(?::bigint[])', [[processInstanceKey, ...(await harness.descendants(processInstanceKey))]])
        : await db().raw('select element_id, error_message from engine.incidents');
      if (r.rows.length > 0) throw new Error(`Expected no incidents, but found: ${(r.rows as Array<{ element_id: string; error_message: string }>).map((i) => `${i.element_id}: ${i.error_message}`).join('; ')}`);
    },
    async finished(processInstanceKey, timeoutMs = 10_000) {
      await waitUntil(async () => ((await leftoverState(h, processInstanceKey)).instances === 0 ? true : null), timeoutMs, `instance ${processInstanceKey} to end`);
      const left = await leftoverState(h, processInstanceKey);
      if (JSON.stringify(left) !== JSON.stringify(EMPTY_STATE)) throw new Error(`Expected no engine rows left for ${processInstanceKey}, but found ${JSON.stringify(left)}`);
    },
    async descendants(processInstanceKey) {
      const r = await db().raw(
        `with recursive tree(key) as (
           select distinct process_instance_key from engine.records where value_type = 'PROCESS_INSTANCE' and (payload->>'parentProcessInstanceKey') = ?
           union
           select distinct r.process_instance_key from engine.records r join tree t on (r.payload->>'parentProcessInstanceKey') = t.key::text where r.value_type = 'PROCESS_INSTANCE')
         select key::text from tree`,
        [processInstanceKey],
      );
      return (r.rows as Array<{ key: string }>).map((x) => x.key);
    },
    async documents(keys) {
      const r = await db().raw('select kind, number, format, sha256, fields from app.documents where process_instance_key = any(?::bigint[]) order by id', [keys]);
      return r.rows as Array<{ kind: string; number: string | null; format: string; sha256: string; fields: Record<string, unknown> }>;
    },
    async deadlines(keys) {
      const r = await db().raw('select * from app.deadlines where process_instance_key = any(?::bigint[]) order by id', [keys]);
      return r.rows as Array<Record<string, unknown>>;
    },
    async bodyId(nameFragment) {
      const r = await db().raw('select id from app.enforcement_bodies where name like ? order by id limit 1', [`%${nameFragment}%`]);
      if (!r.rows[0]) throw new Error(`Expected a demo enforcement body named like '${nameFragment}'`);
      return Number(r.rows[0].id);
    },
    async userId(login) {
      const r = await db().raw('select id from app.users where username = ?', [login]);
      if (!r.rows[0]) throw new Error(`Expected a demo user '${login}'`);
      return Number(r.rows[0].id);
    },
  };
  return harness;
}
