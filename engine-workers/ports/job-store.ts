import type { JobInfo } from '../job-definition.js';
import type { FinalOutcome, Outcome } from '../outcome.js';
import type { JobPorts } from './job-ports.js';

/** Runs a job's work in one transaction and remembers its final outcome by job key (idempotency). */
export interface JobStore {
  /** The outcome recorded for this job key, if the job already ran to the end. */
  findResult(jobKey: string): Promise<FinalOutcome | undefined>;
  /**
   * Runs `work` in one transaction with ports bound to it. A final outcome (complete, BPMN error) is recorded with the
   * job's writes and committed; retry and incident roll everything back. If the job's outcome was recorded meanwhile
   * (a redelivery ran in parallel), that outcome is returned and `work` does not run.
   */
  run(job: JobInfo, work: (ports: JobPorts) => Promise<Outcome>): Promise<Outcome>;
}
