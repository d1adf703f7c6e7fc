/**
 * Polls the database for due work (activated jobs past their deadline, failed jobs past their back-off, due timers,
 * undelivered outbox items), so it
 * also finds work that fell due while this node or another was down. `wakeAt` adds a precise local timer for a
 * known due time (a back-off set by this node), so retries do not wait for the next poll.
 */
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.js';
import type { Clock } from '../clock.js';
import { recurJobsAfterBackoff, timeOutJobs } from '../state/pg/job-sweeps.js';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  pollMs: number;
  jobsActivatable(types: readonly string[]): void;
  /** Fires due timers (instance timers and timer start events). */
  fireDueTimers(): Promise<number>;
  /** Delivers outbox items a crash or a failed delivery left behind. */
  deliverPendingOutbox(): Promise<void>;
  /** Expires messages past their time to live; repeats buffer polls and start-lock hand-overs a crash interrupted. */
  sweepMessages?(): Promise<void>;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly precise = new Set<NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  private rerun: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.precise) clearTimeout(t);
    this.precise.clear();
    await this.running;
  }

  wakeAt(dueAt: number): void {
    if (this.stopped) return;
    // a far-off due time is found by a regular poll (and setTimeout cannot wait longer than ~24.8 days)
    if (dueAt - this.deps.clock.now() > this.deps.pollMs * 10) return;
    const t = setTimeout(() => {
      this.precise.delete(t);
      void this.sweep();
    }, Math.max(0, dueAt - this.deps.clock.now()) + 1);
    this.precise.add(t);
  }

  /** One pass over all sweeps (also used by tests after moving the clock). */
  sweep(): Promise<void> {
    // a sweep already under way may have read the clock before it moved: run one more after it
    if (this.running) return (this.rerun ??= this.running.then(() => ((this.rerun = null), this.sweep())));
    this.running = (async () => {
      try {
        const now = this.deps.clock.now();
        const types = [...(await timeOutJobs(this.deps.db, now)), ...(await recurJobsAfterBackoff(this.deps.db, now))];
        if (types.length > 0) this.deps.jobsActivatable([...new Set(types)]);
        await this.deps.fireDueTimers();
        await this.deps.deliverPendingOutbox();
        await this.deps.sweepMessages?.();
      } catch (error) {
        if (!this.stopped) this.deps.log.warn({ err: error }, 'scheduler sweep failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sweep().then(() => this.schedule(this.deps.pollMs));
    }, delay);
  }
}
