/**
 * Job push, as Zeebe's job streaming does it: the ActivateJobs long polls of this node that are parked (waiting,
 * no activation of their own in flight) can be handed jobs INSIDE the command batch that creates them, so the job
 * is activated in the same transaction (and fsync) that creates it, and the call is answered right after that
 * commit — instead of a wake-up and a second transaction that claims the job.
 *
 * A poll taken by a batch is reserved until the batch ends: it is then settled with the jobs that were pushed to
 * it (none when the batch was rolled back). A call cancelled in the meantime gives its jobs back (yield), exactly
 * as a call cancelled while its own claim was in flight does, so a job never goes to a cancelled call.
 */
import type { ActivatedJob } from '../state/pg/job-activation.js';

export interface ParkedPoll {
  readonly worker: string;
  readonly timeoutMs: number;
  readonly maxJobs: number;
  /** Empty: all variables. */
  readonly fetchVariables: readonly string[];
  /** Called when a batch takes the poll: it is reserved from then on, until settled. */
  taken(): void;
  /** Called once, after the batch that took the poll committed (with its jobs) or failed (with none). */
  settle(jobs: ActivatedJob[]): void;
}

export class LongPolls {
  private readonly byType = new Map<string, Set<ParkedPoll>>();

  /** Parks `poll` for `type`; returns the function that removes it (a no-op once it was taken). */
  park(type: string, poll: ParkedPoll): () => void {
    let set = this.byType.get(type);
    if (!set) this.byType.set(type, (set = new Set()));
    set.add(poll);
    return () => this.remove(type, poll);
  }

  /** Removes and returns the longest-parked poll of `type`, or null. */
  take(type: string): ParkedPoll | null {
    const set = this.byType.get(type);
    if (!set) return null;
    const first = set.values().next();
    if (first.done) return null;
    this.remove(type, first.value);
    first.value.taken();
    return first.value;
  }

  private remove(type: string, poll: ParkedPoll): void {
    const set = this.byType.get(type);
    if (!set) return;
    set.delete(poll);
    if (set.size === 0) this.byType.delete(type);
  }
}
