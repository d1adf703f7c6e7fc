import type { PendingSubmission } from './submission.js';

/** Where pending submissions live on the device (IndexedDB in the browser, a Map in unit tests). */
export interface SubmissionStore {
  /** Oldest first. */
  list(): Promise<PendingSubmission[]>;
  get(submissionId: string): Promise<PendingSubmission | undefined>;
  put(submission: PendingSubmission): Promise<void>;
  delete(submissionId: string): Promise<void>;
}
