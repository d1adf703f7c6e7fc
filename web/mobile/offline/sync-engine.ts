/**
 * The sync loop's one pass: each pending submission in the order taken uploads its blobs that have no evidence id yet
 * (saving each id as soon as it comes back), then completes the task with the resolved variables and its
 * submissionId, and leaves the device only after the server accepted the completion. Every step is idempotent on the
 * server (`clientId`, `submissionId`), so a pass cut off anywhere (offline, tab closed, error) is simply run again.
 * Deciding what a failure means is retry-policy.ts; the store and the network are injected.
 */
import { classifyFailure, DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './retry-policy.js';
import { resolveVariables, type PendingAttachment, type PendingSubmission, type SubmissionError } from './submission.js';
import type { SubmissionStore } from './submission-store.js';

/** A failed request: `status` 0 when there was no answer. */
export class SyncRequestError extends Error {
  readonly status: number;
  readonly details: string[];

  constructor(status: number, message: string, details: string[] = []) {
    super(message);
    this.name = 'SyncRequestError';
    this.status = status;
    this.details = details;
  }
}

export interface SyncTransport {
  uploadEvidence(submission: PendingSubmission, attachment: PendingAttachment): Promise<{ id: string | number }>;
  completeTask(taskId: string, body: { variables: Record<string, unknown>; submissionId: string }): Promise<void>;
}

export interface SyncEngineOptions {
  store: SubmissionStore;
  transport: SyncTransport;
  now?: () => Date;
  random?: () => number;
  policy?: BackoffPolicy;
  /** Called after every change of the store, so a view can re-read it. */
  onChange?: () => void;
}

export interface SyncReport {
  /** submissionIds completed on the server and removed from the device. */
  synced: string[];
  retrying: number;
  attention: number;
  /** The pass stopped: no network. */
  offline: boolean;
  /** The pass stopped: the session ended (401); sign in again and everything is still there. */
  signedOut: boolean;
}

export interface SyncOptions {
  /** Also try submissions whose backoff has not run out (online event, 立即同步). */
  force?: boolean;
}

function toSubmissionError(error: unknown): SubmissionError {
  if (error instanceof SyncRequestError) return { status: error.status, message: error.message, details: error.details };
  return { status: 0, message: error instanceof Error ? error.message : String(error), details: [] };
}

export class SyncEngine {
  private readonly store: SubmissionStore;
  private readonly transport: SyncTransport;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly policy: BackoffPolicy;
  private readonly onChange: () => void;
  private running: Promise<SyncReport> | null = null;
  private rerun = false;

  constructor(options: SyncEngineOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    this.onChange = options.onChange ?? (() => undefined);
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * One pass over the queue. Single flight: a call while a pass runs joins it (and a forced call makes it run once
   * more afterwards), so a submission is never sent by two passes at once.
   */
  sync(options: SyncOptions = {}): Promise<SyncReport> {
    if (this.running) {
      if (options.force) this.rerun = true;
      return this.running;
    }
    this.running = this.pass(options).finally(() => {
      this.running = null;
    });
    return this.running.then(async (report) => {
      if (!this.rerun || report.offline || report.signedOut) return report;
      this.rerun = false;
      return this.sync({ force: true });
    });
  }

  /** The officer asks to try a submission that needed attention again (after fixing the cause on the server). */
  async retry(submissionId: string): Promise<void> {
    const item = await this.store.get(submissionId);
    if (!item) return;
    await this.save({ ...item, state: 'queued', nextAttemptAt: null, lastError: null });
  }

  /** The officer gives a submission up (only those that need attention: the others will still go). */
  async discard(submissionId: string): Promise<void> {
    const item = await this.store.get(submissionId);
    if (!item) return;
    if (item.state !== 'attention') throw new Error(`Expected submission '${submissionId}' to need attention before discarding it, but it is '${item.state}'`);
    await this.store.delete(submissionId);
    this.onChange();
  }

  private async save(item: PendingSubmission): Promise<void> {
    await this.store.put(item);
    this.onChange();
  }

  private due(item: PendingSubmission, force: boolean): boolean {
    if (item.state === 'attention') return false;
    if (item.state !== 'retrying' || force || item.nextAttemptAt === null) return true;
    return Date.parse(item.nextAttemptAt) <= this.now().getTime();
  }

  private async pass({ force = false }: SyncOptions): Promise<SyncReport> {
    const report: SyncReport = { synced: [], retrying: 0, attention: 0, offline: false, signedOut: false };
    const items = (await this.store.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const queued of items) {
      if (!this.due(queued, force)) {
        if (queued.state === 'attention') report.attention += 1;
        else report.retrying += 1;
        continue;
      }
      // a 'syncing' item found here was cut off in an earlier pass (tab closed): sending it again is safe
      let item: PendingSubmission = { ...queued, state: 'syncing' };
      await this.save(item);
      try {
        for (let i = 0; i < item.attachments.length; i += 1) {
          const attachment = item.attachments[i]!;
          if (attachment.evidenceId !== null) continue;
          const { id } = await this.transport.uploadEvidence(item, attachment);
          const attachments = item.attachments.map((a, j) => (j === i ? { ...a, evidenceId: id } : a));
          item = { ...item, attachments };
          await this.save(item);
        }
        await this.transport.completeTask(item.taskId, { variables: resolveVariables(item), submissionId: item.submissionId });
        await this.store.delete(item.submissionId);
        this.onChange();
        report.synced.push(item.submissionId);
      } catch (error) {
        const lastError = toSubmissionError(error);
        const kind = classifyFailure(lastError.status);
        if (kind === 'attention') {
          await this.save({ ...item, state: 'attention', lastError });
          report.attention += 1;
          continue;
        }
        const attempts = item.attempts + 1;
        const nextAttemptAt = new Date(this.now().getTime() + retryDelayMs(attempts, this.random(), this.policy)).toISOString();
        await this.save({ ...item, state: 'retrying', attempts, nextAttemptAt, lastError });
        report.retrying += 1;
        if (kind === 'signed-out') {
          report.signedOut = true;
          break;
        }
        if (lastError.status === 0) {
          report.offline = true;
          break;
        }
      }
    }
    return report;
  }
}
