import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { createDocumentRenderer } from './adapters/document-renderer.js';
import { fileDocumentFiles } from './adapters/file-document-files.js';
import { createPgJobStore } from './adapters/pg-job-store.js';
import { startZeebeWorkers, type ZeebeWorkers } from './adapters/zeebe-workers.js';
import type { WorkersConfig } from './config.js';
import { documentTemplates } from './documents/document-template.js';
import { loadJobRegistry } from './registry.js';

export interface StartWorkersDeps {
  db: Db;
  config: Readonly<WorkersConfig>;
  log: Logger;
  /** Overrides config.zeebeAddress: the in-process embedded engine's address. */
  zeebeAddress?: string;
  clock?: { now(): Date };
}

/**
 * Starts one zeebe-node worker per job file of jobs/, over the database and the document store. Templates and job
 * files are checked first, so a broken one stops start-up with its name.
 */
export async function startWorkers({ db, config, log, zeebeAddress, clock }: StartWorkersDeps): Promise<ZeebeWorkers> {
  documentTemplates();
  const registry = await loadJobRegistry();
  const address = zeebeAddress ?? config.zeebeAddress;
  const shared = { files: fileDocumentFiles(config.dataDir), renderer: createDocumentRenderer() };
  const workers = startZeebeWorkers({
    address,
    tls: config.zeebeTls,
    registry,
    // publish-message publishes through the workers' own gateway client
    runner: (messages) => ({ store: createPgJobStore(db, { ...shared, messages }), clock: clock ?? { now: () => new Date() }, log, retryBackoffMs: config.retryBackoffMs }),
    maxJobsPerType: config.maxJobsPerType,
    jobTimeoutMs: config.jobTimeoutMs,
    longPollMs: config.longPollMs,
    log,
  });
  log.info({ zeebeAddress: address, jobTypes: workers.types }, 'workers started');
  return workers;
}
