import type { Deadlines } from './deadlines.js';
import type { DisclosureQueue } from './disclosure-queue.js';
import type { DocumentFiles } from './document-files.js';
import type { DocumentNumbers } from './document-numbers.js';
import type { DocumentRenderer } from './document-renderer.js';
import type { Documents } from './documents.js';
import type { ElectronicDeliveries } from './electronic-deliveries.js';
import type { EnforcementBodies } from './enforcement-bodies.js';
import type { EnterpriseInspections } from './enterprise-inspections.js';
import type { HolidayCalendarSource } from './holiday-calendar-source.js';
import type { MessagePublisher } from './message-publisher.js';
import type { Officers } from './officers.js';
import type { ServiceRecords } from './service-records.js';
import type { SupervisionAlerts } from './supervision-alerts.js';

/**
 * Everything a job's perform() may touch. The adapters behind the database ports share the job's transaction, so the
 * job's writes and its recorded result (app.job_results) commit together or not at all.
 */
export interface JobPorts {
  numbers: DocumentNumbers;
  bodies: EnforcementBodies;
  documents: Documents;
  files: DocumentFiles;
  renderer: DocumentRenderer;
  calendar: HolidayCalendarSource;
  deadlines: Deadlines;
  serviceRecords: ServiceRecords;
  disclosures: DisclosureQueue;
  alerts: SupervisionAlerts;
  officers: Officers;
  inspections: EnterpriseInspections;
  electronicDeliveries: ElectronicDeliveries;
  /** Not in the transaction: the engine's PublishMessage, made idempotent by the message id. */
  messages: MessagePublisher;
}
