/**
 * The state of one process instance, loaded inside the command's transaction (after its row is locked). Appliers
 * are the only writers; every change is tracked so the repository can flush exactly the changed rows.
 */
import type { ElementInstance, EventSubscription, Incident, Job, OutboxItem, ProcessInstance, RecordDraft } from './types.js';

export interface ReadonlyInstanceState {
  readonly instance: Readonly<ProcessInstance>;
  element(key: string): Readonly<ElementInstance> | undefined;
  children(flowScopeKey: string): ReadonlyArray<Readonly<ElementInstance>>;
  localVariables(scopeKey: string): ReadonlyMap<string, unknown>;
  job(key: string): Readonly<Job> | undefined;
  incidentsOf(elementInstanceKey: string): ReadonlyArray<Readonly<Incident>>;
  incident(key: string): Readonly<Incident> | undefined;
  subscription(key: string): Readonly<EventSubscription> | undefined;
  /** The open subscriptions an element instance waits on. */
  subscriptionsOf(elementInstanceKey: string): ReadonlyArray<Readonly<EventSubscription>>;
}

type Change = 'upsert' | 'delete';

export class InstanceState implements ReadonlyInstanceState {
  readonly elements = new Map<string, ElementInstance>();
  readonly variables = new Map<string, Map<string, unknown>>();
  readonly jobs = new Map<string, Job>();
  readonly incidents = new Map<string, Incident>();
  readonly subscriptions = new Map<string, EventSubscription>();
  /** Commands for other instances, written with this command's changes. */
  readonly outbox: OutboxItem[] = [];

  readonly changed = {
    instance: null as 'insert' | 'delete' | null,
    elements: new Map<string, Change>(),
    variables: new Map<string, { scopeKey: string; name: string }>(),
    deletedScopes: new Set<string>(),
    jobs: new Map<string, Change>(),
    incidents: new Map<string, Change>(),
    subscriptions: new Map<string, Change>(),
  };
  /** Timers created by this command: the scheduler is told their due dates after commit. */
  readonly timersDue: number[] = [];
  readonly records: RecordDraft[] = [];
  /** Job types that became activatable: long polls waiting for them are woken after commit. */
  readonly activatableJobTypes = new Set<string>();
  /** Set when an instance that awaits its result completes. */
  result: Record<string, unknown> | null = null;

  constructor(public instance: ProcessInstance) {}

  element(key: string): ElementInstance | undefined {
    return this.elements.get(key);
  }

  children(flowScopeKey: string): ElementInstance[] {
    const out: ElementInstance[] = [];
    for (const e of this.elements.values()) if (e.flowScopeKey === flowScopeKey) out.push(e);
    return out;
  }

  localVariables(scopeKey: string): ReadonlyMap<string, unknown> {
    return this.variables.get(scopeKey) ?? new Map();
  }

  job(key: string): Job | undefined {
    return this.jobs.get(key);
  }

  incident(key: string): Incident | undefined {
    return this.incidents.get(key);
  }

  subscription(key: string): EventSubscription | undefined {
    return this.subscriptions.get(key);
  }

  subscriptionsOf(elementInstanceKey: string): EventSubscription[] {
    return [...this.subscriptions.values()].filter((s) => s.elementInstanceKey === elementInstanceKey);
  }

  incidentsOf(elementInstanceKey: string): Incident[] {
    return [...this.incidents.values()].filter((i) => i.elementInstanceKey === elementInstanceKey);
  }

  // --- mutations, used by appliers only ---

  putElement(e: ElementInstance): void {
    this.elements.set(e.key, e);
    this.changed.elements.set(e.key, 'upsert');
  }

  removeElement(key: string): void {
    this.elements.delete(key);
    this.changed.elements.set(key, 'delete');
    if (this.variables.delete(key)) this.changed.deletedScopes.add(key);
    for (const [id, v] of this.changed.variables) if (v.scopeKey === key) this.changed.variables.delete(id);
  }

  putVariable(scopeKey: string, name: string, value: unknown): void {
    let scope = this.variables.get(scopeKey);
    if (!scope) this.variables.set(scopeKey, (scope = new Map()));
    scope.set(name, value);
    this.changed.variables.set(`${scopeKey}\u0000${name}`, { scopeKey, name });
  }

  putJob(job: Job): void {
    this.jobs.set(job.key, job);
    this.changed.jobs.set(job.key, 'upsert');
  }

  removeJob(key: string): void {
    this.jobs.delete(key);
    this.changed.jobs.set(key, 'delete');
  }

  putIncident(incident: Incident): void {
    this.incidents.set(incident.key, incident);
    this.changed.incidents.set(incident.key, 'upsert');
  }

  putSubscription(subscription: EventSubscription): void {
    this.subscriptions.set(subscription.key, subscription);
    this.changed.subscriptions.set(subscription.key, 'upsert');
    if (subscription.kind === 'timer' && subscription.dueDate !== null) this.timersDue.push(subscription.dueDate);
  }

  removeSubscription(key: string): void {
    this.subscriptions.delete(key);
    this.changed.subscriptions.set(key, 'delete');
  }

  removeIncident(key: string): void {
    this.incidents.delete(key);
    this.changed.incidents.set(key, 'delete');
  }
}
