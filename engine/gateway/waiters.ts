/**
 * In-process waiters: long polls per job type and CreateProcessInstanceWithResult calls per instance. They are
 * woken directly after a local commit and through LISTEN/NOTIFY for commits on other engine nodes.
 */
export class Waiters {
  private readonly byName = new Map<string, Set<() => void>>();

  /** Registers `wake`; returns the function that removes it. */
  add(name: string, wake: () => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(wake);
    return () => {
      const current = this.byName.get(name);
      if (!current) return;
      current.delete(wake);
      if (current.size === 0) this.byName.delete(name);
    };
  }

  wake(name: string): void {
    const set = this.byName.get(name);
    if (!set) return;
    for (const wake of [...set]) wake();
  }

  wakeAll(): void {
    for (const name of [...this.byName.keys()]) this.wake(name);
  }

  count(name: string): number {
    return this.byName.get(name)?.size ?? 0;
  }
}
