/**
 * The sync loop's one pass: each pending submission in the order taken uploads its blobs that have no evidence id yet
 * (saving each id as soon as it comes back), then completes the task with the resolved variables and its
 * submissionId, and leaves the device only after the server accepted the completion. Every step is idempotent on the
 * server (`clientId`, `submissionId`), so a pass cut off anywhere (offline, tab closed, error) is simply run again.
 * Only the submissions of the officer signed in now are sent (asked again before every request, so a pass stops when
 * the session changes under it); the others wait on the phone for their officer. Deciding what a failure means is retry-policy.ts; the store and the network are injected.
 */
import { classifyFailure, DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './retry-policy.js';
import { ownership, resolveVariables, type PendingAttachment, type PendingSubmission, type SubmissionError, type SubmissionOwner } from './submission.js';
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

/** The engine was asked to act on a submission of another officer. */
export class SubmissionOwnerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubmissionOwnerError';
  }
}

export interface SyncEngineOptions {
  store: SubmissionStore;
  transport: SyncTransport;
  /** Who is signed in now (null: no one); read before every request. */
  signedIn: () => SubmissionOwner | null;
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
  /** Submissions of other officers, left on the phone until they sign in. */
  waiting: number;
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
  private readonly signedIn: () => SubmissionOwner | null;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly policy: BackoffPolicy;
  private readonly onChange: () => void;
  private running: Promise<SyncReport> | null = null;
  private rerun = false;

  constructor(options: SyncEngineOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.signedIn = options.signedIn;
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

  /**
   * The officer asks to try a submission that needed attention again (after fixing the cause on the server). Only its
   * own officer may; one saved without an owner (an older version) becomes the signed-in officer's, who checked it.
   */
  async retry(submissionId: string): Promise<void> {
    const item = await this.store.get(submissionId);
    if (!item) return;
    const user = this.actingOfficer(item, 'retry');
    await this.save({ ...item, owner: item.owner ?? user, state: 'queued', nextAttemptAt: null, lastError: null });
  }

  /**
   * The officer gives a submission up: only their own (or one without an owner), and only one that needs attention
   * (the others will still go).
   */
  async discard(submissionId: string): Promise<void> {
    const item = await this.store.get(submissionId);
    if (!item) return;
    this.actingOfficer(item, 'discard');
    if (item.state !== 'attention') throw new Error(`Expected submission '${submissionId}' to need attention before discarding it, but it is '${item.state}'`);
    await this.store.delete(submissionId);
    this.onChange();
  }

  /** The signed-in officer, when they may act on the submission; else throws. */
  private actingOfficer(item: PendingSubmission, action: 'retry' | 'discard'): SubmissionOwner {
    const user = this.signedIn();
    if (!user) throw new SubmissionOwnerError(`Expected someone to be signed in to ${action} submission '${item.submissionId}', but no one is`);
    if (item.owner && item.owner.userId !== user.userId) {
      throw new SubmissionOwnerError(
        `Expected submission '${item.submissionId}' to be ${action === 'retry' ? 'retried' : 'discarded'} by the officer who saved it ('${item.owner.userId}'), but '${user.userId}' is signed in`,
      );
    }
    return user;
  }

  /** Throws unless the submission's officer is still the one signed in (checked before every request). */
  private assertOwnerSignedIn(item: PendingSubmission): void {
    if (ownership(item, this.signedIn()?.userId ?? null) !== 'own') {
      throw new SubmissionOwnerError(`Expected the officer who saved submission '${item.submissionId}' to be signed in, but the session changed`);
    }
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
    const report: SyncReport = { synced: [], retrying: 0, attention: 0, waiting: 0, offline: false, signedOut: false };
    const items = (await this.store.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const queued of items) {
      const whose = ownership(queued, this.signedIn()?.userId ?? null);
      if (whose === 'other') {
        report.waiting += 1;
        continue;
      }
      if (whose === 'unknown' && queued.state !== 'attention') {
        // saved by an older version, which did not record who: not sent under whoever is signed in now
        await this.save({ ...queued, state: 'attention' });
        report.attention += 1;
        continue;
      }
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
          this.assertOwnerSignedIn(item);
          const { id } = await this.transport.uploadEvidence(item, attachment);
          const attachments = item.attachments.map((a, j) => (j === i ? { ...a, evidenceId: id } : a));
          item = { ...item, attachments };
          await this.save(item);
        }
        this.assertOwnerSignedIn(item);
        await this.transport.completeTask(item.taskId, { variables: resolveVariables(item), submissionId: item.submissionId });
        await this.store.delete(item.submissionId);
        this.onChange();
        report.synced.push(item.submissionId);
      } catch (error) {
        if (error instanceof SubmissionOwnerError) {
          // another officer signed in mid-pass: nothing more of it is sent; it waits for its officer as it was
          await this.save({ ...item, state: queued.state === 'syncing' ? 'queued' : queued.state });
          report.waiting += 1;
          continue;
        }
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
