/**
 * Worker tests against a real PostgreSQL: a migrated database per suite with two enforcement bodies, a temporary
 * DATA_DIR for the document files, and the real job store (app.job_results, the pg adapters, pdfkit and docx).
 * Jobs are run through the job runner's outcomeOf, as the zeebe-node workers run them; the engine tests in
 * engine.spec.ts run them through the real engine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../../db/connect.js';
import { outcomeOf } from '../../../engine-workers/adapters/job-runner.js';
import { createDocumentRenderer } from '../../../engine-workers/adapters/document-renderer.js';
import { fileDocumentFiles } from '../../../engine-workers/adapters/file-document-files.js';
import { createPgJobStore } from '../../../engine-workers/adapters/pg-job-store.js';
import type { JobDefinition, JobInfo } from '../../../engine-workers/job-definition.js';
import type { Outcome } from '../../../engine-workers/outcome.js';
import type { JobStore } from '../../../engine-workers/ports/job-store.js';
import { loadJobRegistry } from '../../../engine-workers/registry.js';
import { useSuiteDatabase } from '../../support/suite-database.js';

export interface Bodies {
  /** 三明市城市管理局, 文号 prefix 明城管 */
  city: number;
  /** 三元区城市管理局, no prefix set */
  county: number;
}

/** Inserts a city with its 城管局 (prefix 明城管) and a county with its 城管局 (no prefix). */
export async function seedBodies(db: Db): Promise<Bodies> {
  const [city] = await db('app.organisations').insert({ name: '三明市', level: 'city', code: '350400' }).returning('id');
  await db('app.organisations').where({ id: city.id }).update({ path: `/${city.id}/` });
  const [county] = await db('app.organisations').insert({ name: '三元区', level: 'county', code: '350404', parent_id: city.id }).returning('id');
  await db('app.organisations').where({ id: county.id }).update({ path: `/${city.id}/${county.id}/` });
  const [cityBody] = await db('app.enforcement_bodies').insert({ organisation_id: city.id, name: '三明市城市管理局', field: 'urban_management', document_prefix: '明城管' }).returning('id');
  const [countyBody] = await db('app.enforcement_bodies').insert({ organisation_id: county.id, name: '三元区城市管理局', field: 'urban_management' }).returning('id');
  return { city: cityBody.id as number, county: countyBody.id as number };
}

let nextKey = 2251799813700000n;

/** A job as the engine would hand it out: a fresh int64 key. */
export function newJob(type: string, processInstanceKey = '2251799813690001'): JobInfo {
  nextKey += 1n;
  return { key: nextKey.toString(), type, processInstanceKey, bpmnProcessId: 'test-process', elementId: `${type}-task`, retries: 3 };
}

export interface WorkerHarness {
  readonly db: Db;
  readonly store: JobStore;
  readonly dataDir: string;
  readonly bodies: Bodies;
  definition(type: string): JobDefinition;
  /** Runs a job the way the runner does for a delivery from the engine. */
  run(job: JobInfo, variables: Record<string, unknown>, now?: Date): Promise<Outcome>;
}

export function useWorkerHarness(label: string): WorkerHarness {
  const database = useSuiteDatabase(label);
  let dataDir = '';
  let store: JobStore | undefined;
  let bodies: Bodies | undefined;
  let registry: ReadonlyMap<string, JobDefinition> | undefined;
  before(async function () {
    this.timeout(60_000);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'workers-data-'));
    store = createPgJobStore(database.db, { files: fileDocumentFiles(dataDir), renderer: createDocumentRenderer() });
    bodies = await seedBodies(database.db);
    registry = await loadJobRegistry();
  });
  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const harness: WorkerHarness = {
    get db() {
      return database.db;
    },
    get store() {
      return store!;
    },
    get dataDir() {
      return dataDir;
    },
    get bodies() {
      return bodies!;
    },
    definition(type) {
      const definition = registry!.get(type);
      if (!definition) throw new Error(`Expected a job file for '${type}', but there is none`);
      return definition;
    },
    run(job, variables, now = new Date()) {
      return outcomeOf(harness.definition(job.type), job, variables, { store: store!, clock: { now: () => now } });
    },
  };
  return harness;
}

export function completed(outcome: Outcome): Record<string, unknown> {
  if (outcome.kind !== 'complete') throw new Error(`Expected the job to complete, but it ended with ${JSON.stringify(outcome)}`);
  return outcome.variables;
}
