import type { Knex } from 'knex';
import type { Db } from '../../db/connect.js';
import { isFinal, isOutcome, type FinalOutcome, type Outcome } from '../outcome.js';
import type { DocumentFiles } from '../ports/document-files.js';
import type { DocumentRenderer } from '../ports/document-renderer.js';
import type { JobPorts } from '../ports/job-ports.js';
import type { JobStore } from '../ports/job-store.js';
import type { MessagePublisher } from '../ports/message-publisher.js';
import { pgDeadlines } from './pg-deadlines.js';
import { pgDisclosureQueue } from './pg-disclosure-queue.js';
import { pgDocumentNumbers } from './pg-document-numbers.js';
import { pgDocuments } from './pg-documents.js';
import { pgElectronicDeliveries } from './pg-electronic-deliveries.js';
import { pgEnforcementBodies } from './pg-enforcement-bodies.js';
import { pgEnterpriseInspections } from './pg-enterprise-inspections.js';
import { pgHolidayCalendarSource } from './pg-holiday-calendar-source.js';
import { pgOfficers } from './pg-officers.js';
import { pgServiceRecords } from './pg-service-records.js';
import { pgSupervisionAlerts } from './pg-supervision-alerts.js';

/** Carries a non-final outcome out of knex's transaction callback, which rolls back on a throw. */
class RollBack extends Error {
  constructor(readonly outcome: Outcome) {
    super(`rolled back: ${outcome.kind}`);
  }
}

/** What the job store shares between transactions. Without `messages` (a store for tests), publishing fails: a retry. */
export interface SharedPorts {
  files: DocumentFiles;
  renderer: DocumentRenderer;
  messages?: MessagePublisher;
}

const noGateway: MessagePublisher = {
  publish: (message) => Promise.reject(new Error(`Expected a gateway to publish message '${message.name}' to, but the job store has none`)),
};

export function jobPortsFor(trx: Knex.Transaction, shared: SharedPorts): JobPorts {
  return {
    numbers: pgDocumentNumbers(trx),
    bodies: pgEnforcementBodies(trx),
    documents: pgDocuments(trx),
    files: shared.files,
    renderer: shared.renderer,
    calendar: pgHolidayCalendarSource(trx),
    deadlines: pgDeadlines(trx),
    serviceRecords: pgServiceRecords(trx),
    disclosures: pgDisclosureQueue(trx),
    alerts: pgSupervisionAlerts(trx),
    officers: pgOfficers(trx),
    inspections: pgEnterpriseInspections(trx),
    electronicDeliveries: pgElectronicDeliveries(trx),
    messages: shared.messages ?? noGateway,
  };
}

export function createPgJobStore(db: Db, shared: SharedPorts): JobStore {
  const recorded = async (q: Knex | Knex.Transaction, jobKey: string): Promise<FinalOutcome | undefined> => {
    const row = (await q('app.job_results').where({ job_key: jobKey }).first('outcome')) as { outcome: unknown } | undefined;
    if (!row) return undefined;
    if (!isOutcome(row.outcome) || !isFinal(row.outcome)) throw new Error(`Expected the recorded result of job '${jobKey}' to be a final outcome, but it is ${JSON.stringify(row.outcome)}`);
    return row.outcome;
  };
  return {
    findResult: (jobKey) => recorded(db, jobKey),
    async run(job, work) {
      try {
        return await db.transaction(async (trx) => {
          // Two deliveries of one job (a redelivery after a time-out while the first still runs) queue here: the
          // second then finds the first one's recorded outcome. A transaction-scoped advisory lock, because the
          // job_results row does not exist yet to be locked.
          await trx.raw("select pg_advisory_xact_lock(hashtextextended('app.job_results:' || ?, 0))", [job.key]);
          const earlier = await recorded(trx, job.key);
          if (earlier) return earlier;
          const outcome = await work(jobPortsFor(trx, shared));
          if (!isFinal(outcome)) throw new RollBack(outcome);
          await trx('app.job_results').insert({ job_key: job.key, job_type: job.type, outcome: JSON.stringify(outcome) });
          return outcome;
        });
      } catch (error) {
        if (error instanceof RollBack) return error.outcome;
        throw error;
      }
    },
  };
}
