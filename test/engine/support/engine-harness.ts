/**
 * Scenario harness: a fresh migrated database, the engine on a free port, and a zeebe-node client. Tests drive
 * the engine only through zeebe-node; they may read engine tables to assert state (e.g. "state is empty").
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZBClient } from 'zeebe-node';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { testLogger } from '../../support/logger.js';
import { createControlledClock, createEngine, type ControlledClock, type Engine } from '../../../engine/index.js';
import type { EngineConfig } from '../../../engine/config.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'bpmn');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function fixture(name: string): Promise<Buffer> {
  return readFile(fixturePath(name));
}

export interface EngineHarness {
  readonly engine: Engine;
  readonly client: ZBClient;
  readonly port: number;
  /** The management port, when the suite asked for one (config.managementPort ≥ 0). */
  readonly managementPort: number | null;
  readonly database: TestDatabase;
  readonly clock: ControlledClock;
  /** Deploys fixtures by file name through DeployResource. */
  deploy(...names: string[]): Promise<void>;
  /** Several resources in one DeployResource call (zeebe-node's deployResource sends one). */
  deployMany(resources: Array<{ name: string; content: Buffer }>): Promise<DeployResult>;
  /** A second client, e.g. for workers, closed with the suite. */
  newClient(): ZBClient;
}

export function newZbClient(port: number): ZBClient {
  return new ZBClient(`127.0.0.1:${port}`, { useTLS: false, loglevel: 'NONE', retry: false, longPoll: 5000 } as never);
}

export interface DeployResult {
  key: string;
  deployments: Array<{ process?: { bpmnProcessId: string; version: number; processDefinitionKey: string }; form?: { formId: string; version: number; formKey: string } }>;
}

/** zeebe-node's own gRPC client, for requests its convenience API does not expose. */
export function rawGrpc(client: ZBClient): Record<string, (request: unknown) => Promise<unknown>> & { activateJobsStream(req: unknown): Promise<NodeJS.EventEmitter> } {
  return (client as unknown as { grpc: never }).grpc;
}

export function useEngine(label: string, config: Partial<EngineConfig> = {}): EngineHarness {
  let database: TestDatabase | undefined;
  let engine: Engine | undefined;
  let port = 0;
  let managementPort: number | null = null;
  let failed = false;
  const clients: ZBClient[] = [];
  const clock = createControlledClock();
  before(async function () {
    this.timeout(60_000);
    database = await createTestDatabase(label);
    engine = createEngine({ db: database.db, clock, log: testLogger(), config: { grpcPort: 0, grpcHost: '127.0.0.1', schedulerPollMs: 50, ...config } });
    ({ grpcPort: port, managementPort } = await engine.start());
    clients.push(newZbClient(port));
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
    clock.reset();
  });
  after(async function () {
    this.timeout(30_000);
    await Promise.all(clients.map((c) => c.close(2000).catch(() => undefined)));
    await engine?.stop();
    await database?.release(failed);
  });
  const harness: EngineHarness = {
    get engine() {
      return engine!;
    },
    get client() {
      return clients[0]!;
    },
    get port() {
      return port;
    },
    get managementPort() {
      return managementPort;
    },
    get database() {
      return database!;
    },
    clock,
    async deploy(...names) {
      for (const name of names) await clients[0]!.deployResource({ name, process: await fixture(name) });
    },
    deployMany(resources) {
      return rawGrpc(clients[0]!).deployResourceSync!({ resources, tenantId: '' }) as Promise<DeployResult>;
    },
    newClient() {
      const c = newZbClient(port);
      clients.push(c);
      return c;
    },
  };
  return harness;
}

/** Engine state rows left for an instance (Zeebe's clean-state check): all zero once it ended. */
export async function leftoverState(h: EngineHarness, processInstanceKey: string): Promise<Record<string, number>> {
  const r = await h.database.db.raw(
    `select (select count(*) from engine.process_instances where key = :pi) as instances,
            (select count(*) from engine.element_instances where process_instance_key = :pi) as elements,
            (select count(*) from engine.variables where process_instance_key = :pi) as variables,
            (select count(*) from engine.jobs where process_instance_key = :pi) as jobs,
            (select count(*) from engine.incidents where process_instance_key = :pi) as incidents,
            (select count(*) from engine.event_subscriptions where process_instance_key = :pi) as subscriptions`,
    { pi: processInstanceKey },
  );
  const row = r.rows[0] as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

export const EMPTY_STATE = { instances: 0, elements: 0, variables: 0, jobs: 0, incidents: 0, subscriptions: 0 };

/** Element ids and intents of an instance's PROCESS_INSTANCE records, in order. */
export async function elementRecords(h: EngineHarness, processInstanceKey: string): Promise<Array<{ intent: string; elementId: string }>> {
  const r = await h.database.db.raw(
    "select intent, payload->>'elementId' as element_id from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' order by position",
    [processInstanceKey],
  );
  return (r.rows as Array<{ intent: string; element_id: string }>).map((row) => ({ intent: row.intent, elementId: row.element_id }));
}

export async function waitUntil<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`Expected ${what} within ${timeoutMs} ms, but it did not happen`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function incidentsOf(h: EngineHarness, processInstanceKey: string): Promise<Array<{ key: string; errorType: string; errorMessage: string; elementId: string; jobKey: string | null }>> {
  const r = await h.database.db.raw('select key::text, error_type, error_message, element_id, job_key::text from engine.incidents where process_instance_key = ? order by key', [processInstanceKey]);
  return (r.rows as Array<Record<string, string | null>>).map((row) => ({ key: row.key!, errorType: row.error_type!, errorMessage: row.error_message!, elementId: row.element_id!, jobKey: row.job_key ?? null }));
}

/** Activates jobs once through the raw client call (no worker), e.g. to test job commands directly. */
export async function activateOnce(client: ZBClient, type: string, options: { maxJobs?: number; timeout?: number; requestTimeout?: number; fetchVariable?: string[] } = {}) {
  const stream = await rawGrpc(client).activateJobsStream({
    type,
    worker: 'test-worker',
    timeout: options.timeout ?? 30_000,
    maxJobsToActivate: options.maxJobs ?? 10,
    requestTimeout: options.requestTimeout ?? 2000,
    fetchVariable: options.fetchVariable,
  });
  return new Promise<Array<Record<string, unknown> & { key: string; variables: Record<string, unknown>; customHeaders: Record<string, string> }>>((resolve, reject) => {
    const jobs: Array<Record<string, unknown> & { key: string; variables: Record<string, unknown>; customHeaders: Record<string, string> }> = [];
    stream.on('data', (res: { jobs: Array<Record<string, unknown> & { key: string; variables: string; customHeaders: string }> }) => {
      for (const j of res.jobs) jobs.push({ ...j, variables: JSON.parse(j.variables), customHeaders: JSON.parse(j.customHeaders) });
    });
    stream.on('end', () => resolve(jobs));
    stream.on('error', reject);
  });
}
