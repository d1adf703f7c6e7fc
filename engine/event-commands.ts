/**
 * Commands the engine gives itself: firing due timers (of instances and of timer start events) and delivering
 * outbox items (commands one instance sends another). The scheduler calls them for due work, including work that
 * fell due while every node was down; after a commit they are called at once for what that commit created.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Clock } from './clock.js';
import type { EngineCommands } from './engine-commands.js';
import { ok, type Result } from './errors.js';
import { createInstance } from './runtime/commands/create-instance.js';
import { triggerTimer } from './runtime/commands/trigger-timer.js';
import { nextStartTimer } from './runtime/behaviors/start-events.js';
import { findDefinitionByKey } from './state/pg/definitions-repository.js';
import { claimOutboxItem, claimStartSubscription, dueTimers, insertSubscriptions, pendingOutboxItems } from './state/pg/subscriptions-repository.js';
import { query, type Sql } from './state/pg/sql.js';
import { InstanceState } from './state/instance-state.js';
import type { EventSubscription, OutboxItem } from './state/types.js';
import type { BpmnRuntime } from './runtime/bpmn-runtime.js';

/** Delivers one kind of outbox item: a command on the receiving instance (see OutboxDelivery.deliver). */
export type OutboxHandler = (rt: BpmnRuntime, item: OutboxItem) => Result<unknown>;

/**
 * Delivers one kind of outbox item with a command of its own making, for receivers a handler cannot express: an
 * instance to create (no receiving instance), or rows to claim besides the item. The command must claim the item
 * (claimOutboxItem) in its own transaction, so the item is delivered once.
 */
export type OutboxDelivery = (item: OutboxItem) => Promise<void>;

const SWEEP_LIMIT = 500;
/** Outbox items younger than this are being delivered by the node that wrote them; the sweep leaves them alone. */
const OUTBOX_GRACE_MS = 5_000;

export class EventCommands {
  private readonly outboxHandlers = new Map<string, OutboxHandler>();
  private readonly outboxDeliveries = new Map<string, OutboxDelivery>();

  constructor(
    private readonly db: Db,
    private readonly commands: EngineCommands,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Registers how an outbox kind is delivered (call activities, message correlation, signals). */
  onOutbox(kind: string, handler: OutboxHandler): void {
    this.outboxHandlers.set(kind, handler);
  }

  /** Registers an outbox kind whose delivery builds its own command (see OutboxDelivery). */
  onOutboxDelivery(kind: string, deliver: OutboxDelivery): void {
    this.outboxDeliveries.set(kind, deliver);
  }

  /** Fires every due timer; returns how many fired. Several nodes may sweep at once: each timer fires once. */
  async fireDueTimers(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = await dueTimers(this.sql, this.clock.now(), SWEEP_LIMIT);
      if (due.length === 0) return fired;
      const results = await Promise.all(due.map((t) => this.fireTimer(t).catch((error: unknown) => (this.log.warn({ err: error, timerKey: t.key }, 'timer failed to fire'), false))));
      fired += results.filter(Boolean).length;
      // timers that did not fire (another node has them in flight) would be found again at once: wait for the next sweep
      if (due.length < SWEEP_LIMIT || results.every((r) => !r)) return fired;
    }
  }

  private async fireTimer(timer: EventSubscription): Promise<boolean> {
    if (timer.processInstanceKey !== null) {
      const result = await this.commands.execute({ locator: { processInstanceKey: timer.processInstanceKey }, action: 'trigger a timer of', decide: (rt) => triggerTimer(rt, timer.key) });
      return result.ok && result.value === true;
    }
    return this.fireStartTimer(timer);
  }

  /** A timer start event fired: a new instance starts there; a cycle schedules its next repetition in the same transaction. */
  private async fireStartTimer(timer: EventSubscription): Promise<boolean> {
    const definition = await findDefinitionByKey(this.sql, timer.processDefinitionKey);
    if (!definition) return false;
    const model = await this.commands.model(definition.key);
    const result = await this.commands.execute<string>({
      locator: null,
      action: 'start',
      newState: () => {
        const state = new InstanceState({ key: this.commands.keys.next(), processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version, awaitResult: false, createdAt: this.clock.now() });
        state.changed.instance = 'insert';
        return { state, model };
      },
      prepare: async (sql) => {
        const claimed = await claimStartSubscription(sql, timer.key);
        if (!claimed || claimed.dueDate === null || claimed.dueDate > this.clock.now()) return false;
        const next = nextStartTimer(claimed, this.clock.now(), this.commands.keys.next());
        if (next) await insertSubscriptions(sql, [next]);
        return true;
      },
      decide: (rt) => {
        const created = createInstance(rt, { variables: {}, startInstructions: [timer.elementId] });
        return created.ok ? ok(rt.ctx.state.instance.key) : created;
      },
    });
    return result.ok && result.value !== null;
  }

  /** Delivers outbox items (just written by this node, or left over): each as a command on its receiving instance. */
  async deliver(items: readonly OutboxItem[]): Promise<void> {
    await Promise.all(items.map((item) => this.deliverOne(item).catch((error: unknown) => this.log.warn({ err: error, outboxKey: item.key, kind: item.kind }, 'outbox delivery failed; the sweep retries it'))));
  }

  /** Delivers what a crash or a failed delivery left in the outbox. */
  async deliverPending(): Promise<void> {
    const items = await pendingOutboxItems(this.sql, this.clock.now() - OUTBOX_GRACE_MS, SWEEP_LIMIT);
    if (items.length > 0) await this.deliver(items);
  }

  private async deliverOne(item: OutboxItem): Promise<void> {
    const delivery = this.outboxDeliveries.get(item.kind);
    if (delivery) return delivery(item);
    const handler = this.outboxHandlers.get(item.kind);
    if (!handler) throw new Error(`Expected a handler for outbox items of kind '${item.kind}', but none is registered`);
    if (item.processInstanceKey === null) throw new Error(`Expected outbox item '${item.key}' (${item.kind}) to name its receiving instance, but it does not`);
    const result = await this.commands.execute({
      locator: { processInstanceKey: item.processInstanceKey },
      action: `deliver ${item.kind} to`,
      prepare: (sql) => claimOutboxItem(sql, item.key),
      decide: (rt) => handler(rt, item),
    });
    // the receiving instance is gone: nothing to deliver to, but the item must not be retried forever
    if (!result.ok && result.rejection.kind === 'NOT_FOUND') await claimOutboxItem(this.sql, item.key);
  }

  private get sql(): Sql {
    return (text, values) => query(this.db, text, values);
  }
}
