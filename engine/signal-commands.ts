/**
 * Signal broadcasts (Zeebe's SignalBroadcastProcessor): BroadcastSignal, and the broadcasts of signal throw events.
 *
 * A broadcast triggers every signal subscription of its name that is open when it runs: catch events, boundary
 * events and event sub-process starts of running instances, and the signal start events of the latest version of
 * each deployed process (each starts an instance with the signal's variables). Signals are not buffered.
 *
 * One transaction records SIGNAL BROADCASTED and writes one outbox item per subscribed instance (naming the
 * subscriptions it found there) and one per signal start event; after commit each item is delivered as a command of
 * its own. So a broadcast is all-or-nothing even though it reaches many instances, each instance is locked only by
 * its own command, and what a crash interrupts is delivered by the scheduler's outbox sweep.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Clock } from './clock.js';
import type { EngineCommands } from './engine-commands.js';
import { ok, reject, type Result } from './errors.js';
import type { EventCommands } from './event-commands.js';
import { createInstance } from './runtime/commands/create-instance.js';
import { triggerSignal, type SignalTrigger } from './runtime/commands/trigger-signal.js';
import { SIGNAL_BROADCAST_OUTBOX, SIGNAL_START_OUTBOX, SIGNAL_TRIGGER_OUTBOX, type SignalBroadcastPayload } from './runtime/behaviors/signals.js';
import { InstanceState } from './state/instance-state.js';
import { findDefinitionByKey } from './state/pg/definitions-repository.js';
import { appendRecords } from './state/pg/instance-repository.js';
import { isDeletedDefinitionError } from './state/pg/resource-deletion-repository.js';
import { insertOutboxItems, signalSubscriptionsNamed } from './state/pg/signals-repository.js';
import { query, withTransaction, type Sql } from './state/pg/sql.js';
import { claimOutboxItem } from './state/pg/subscriptions-repository.js';
import type { OutboxItem } from './state/types.js';

interface SignalStart {
  signalKey: string;
  processDefinitionKey: string;
  elementId: string;
  variables: Record<string, unknown>;
}

/** Keys beyond the ones a broadcast counts, in case another command draws from the shared block meanwhile. */
const KEY_MARGIN = 64;

export class SignalCommands {
  constructor(
    private readonly db: Db,
    private readonly commands: EngineCommands,
    private readonly events: EventCommands,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    events.onOutbox(SIGNAL_TRIGGER_OUTBOX, (rt, item) => triggerSignal(rt, item.payload as unknown as SignalTrigger));
    events.onOutboxDelivery(SIGNAL_BROADCAST_OUTBOX, (item) => this.broadcastThrown(item));
    events.onOutboxDelivery(SIGNAL_START_OUTBOX, (item) => this.startInstance(item));
  }

  /** BroadcastSignal: answers with the signal's key once the broadcast is committed (its triggers follow). */
  async broadcast(signalName: string, variables: Record<string, unknown>): Promise<Result<{ key: string }>> {
    if (signalName === '') return reject('INVALID_ARGUMENT', 'Expected to broadcast a signal with a name, but the signal name is empty');
    const { key, items } = await withTransaction(this.db, (sql) => this.fanOut(sql, { signalName, variables }));
    void this.events.deliver(items);
    return ok({ key });
  }

  /** A signal throw event's broadcast, sent through the outbox by its instance: claimed and run once. */
  private async broadcastThrown(item: OutboxItem): Promise<void> {
    const payload = item.payload as unknown as SignalBroadcastPayload;
    const fannedOut = await withTransaction(this.db, async (sql) => ((await claimOutboxItem(sql, item.key)) ? this.fanOut(sql, payload) : null));
    if (fannedOut) await this.events.deliver(fannedOut.items);
  }

  private async fanOut(sql: Sql, { signalName, variables }: SignalBroadcastPayload): Promise<{ key: string; items: OutboxItem[] }> {
    const subscriptions = await signalSubscriptionsNamed(sql, signalName);
    const byInstance = new Map<string, string[]>();
    const starts = subscriptions.filter((s) => s.processInstanceKey === null);
    for (const s of subscriptions) if (s.processInstanceKey !== null) byInstance.set(s.processInstanceKey, [...(byInstance.get(s.processInstanceKey) ?? []), s.key]);
    const { keys } = this.commands;
    await keys.reserve(1 + byInstance.size + starts.length + KEY_MARGIN);
    const now = this.clock.now();
    const signalKey = keys.next();
    const items: OutboxItem[] = [];
    for (const [processInstanceKey, subscriptionKeys] of byInstance) {
      const trigger: SignalTrigger = { signalKey, signalName, variables, subscriptionKeys };
      items.push({ key: keys.next(), kind: SIGNAL_TRIGGER_OUTBOX, processInstanceKey, payload: { ...trigger }, createdAt: now });
    }
    for (const s of starts) {
      const start: SignalStart = { signalKey, processDefinitionKey: s.processDefinitionKey, elementId: s.elementId, variables };
      items.push({ key: keys.next(), kind: SIGNAL_START_OUTBOX, processInstanceKey: null, payload: { ...start }, createdAt: now });
    }
    await insertOutboxItems(sql, items);
    await appendRecords(sql, [{ recordType: 'EVENT', valueType: 'SIGNAL', intent: 'BROADCASTED', key: signalKey, processInstanceKey: null, timestamp: now, payload: { signalName, variables } }]);
    this.log.debug({ signalKey, signalName, instances: byInstance.size, startEvents: starts.length }, 'signal broadcast');
    return { key: signalKey, items };
  }

  /** A signal start event: a new instance of its definition starts there with the signal's variables. */
  private async startInstance(item: OutboxItem): Promise<void> {
    const start = item.payload as unknown as SignalStart;
    const definition = await findDefinitionByKey(this.sql, start.processDefinitionKey);
    // deleted since the broadcast: nothing to start, and nothing to retry
    if (!definition) return void (await claimOutboxItem(this.sql, item.key));
    const model = await this.commands.model(definition.key);
    const result = await this.commands
      .execute<string>({
        locator: null,
        action: 'start',
        newState: () => {
          const state = new InstanceState({ key: this.commands.keys.next(), processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version, awaitResult: false, createdAt: this.clock.now() });
          state.changed.instance = 'insert';
          return { state, model };
        },
        prepare: (sql) => claimOutboxItem(sql, item.key),
        decide: (rt) => {
          const created = createInstance(rt, { variables: start.variables, startInstructions: [start.elementId] });
          return created.ok ? ok(rt.ctx.state.instance.key) : created;
        },
      })
      .catch(async (error: unknown) => {
        if (!isDeletedDefinitionError(error)) throw error;
        await claimOutboxItem(this.sql, item.key);
        return ok(null);
      });
    if (!result.ok) this.log.warn({ signalKey: start.signalKey, processDefinitionKey: definition.key, reason: result.rejection.message }, 'signal start event did not start an instance');
  }

  private get sql(): Sql {
    return (text, values) => query(this.db, text, values);
  }
}
