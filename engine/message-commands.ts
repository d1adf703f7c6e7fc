/**
 * Messages, correlated as Zeebe 8.3 does (docs "Message correlation"; MessagePublishProcessor,
 * MessageCorrelateBehavior, BpmnBufferedMessageStartEventBehavior):
 *
 *   - PublishMessage stores the message (buffered for its time to live) and, in the same transaction, writes an
 *     outbox item for every open message subscription with that name and correlation key, and one for each process
 *     whose latest version has a message start event of that name (unless an instance of that process waits for the
 *     message, which then takes it). After commit each item is delivered as a command of its own; what a crash
 *     interrupts, the scheduler's outbox sweep delivers.
 *   - A delivery's prepare step claims the message for the subscription's bpmnProcessId (engine.message_correlations)
 *     in the command's transaction: a message correlates at most once per process, across all its versions and
 *     instances, but to every process that waits for it.
 *   - A message subscription that a command opened polls the buffer after commit: the oldest unexpired message
 *     that has not correlated to its process. A non-interrupting one goes on polling while messages are left. The
 *     scheduler sweep finds open subscriptions with such messages, so a crash before the poll loses nothing.
 *   - A message start event started with a non-empty correlation key lets one instance per process and key run;
 *     a message arriving meanwhile stays buffered, and when that instance ends the oldest buffered message for the
 *     key starts the next one (within its time to live). An empty key always starts a new instance.
 *   - Expired messages are deleted by the sweep (MESSAGE EXPIRED); one with time to live 0 and nothing to correlate
 *     to is never stored.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Clock } from './clock.js';
import type { EngineCommands } from './engine-commands.js';
import { CommandRejectedError, ok, reject, type Result } from './errors.js';
import type { EventCommands } from './event-commands.js';
import { correlateMessage, waitingMessageSubscription } from './runtime/commands/correlate-message.js';
import { hasMessageStartEvent, startAtMessageStartEvent } from './runtime/behaviors/message-start-events.js';
import { InstanceState } from './state/instance-state.js';
import { findDefinitionByKey } from './state/pg/definitions-repository.js';
import { appendRecords } from './state/pg/instance-repository.js';
import {
  acquireStartLock,
  claimBufferedMessage,
  claimCorrelation,
  deleteExpiredMessages,
  hasBufferedMessageFor,
  insertMessage,
  insertOutboxItems,
  isMessageBuffered,
  lockMessage,
  lockMessageId,
  messageStartSubscriptions,
  nextBufferedStart,
  openMessageSubscriptions,
  releaseCorrelation,
  removeStaleStartLock,
  staleStartLocks,
  startLocksHeldBy,
  subscriptionsWithBufferedMessages,
  type StartLock,
  type StoredMessage,
} from './state/pg/messages-repository.js';
import { isDeletedDefinitionError } from './state/pg/resource-deletion-repository.js';
import { query, withTransaction, type Sql } from './state/pg/sql.js';
import { claimOutboxItem } from './state/pg/subscriptions-repository.js';
import type { EventSubscription, OutboxItem, ProcessInstance, RecordDraft } from './state/types.js';

/** Outbox kinds: a message for one open subscription of an instance; a message for a process's message start event. */
export const MESSAGE_CORRELATE_OUTBOX = 'message-correlate';
export const MESSAGE_START_OUTBOX = 'message-start';

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  /** Milliseconds; 0 (or less): correlate to what waits now, then discard. */
  timeToLive: number;
  /** '' for none. */
  messageId: string;
  variables: Record<string, unknown>;
}

interface CorrelatePayload {
  messageKey: string;
  subscriptionKey: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
}

interface StartPayload {
  messageKey: string;
  subscriptionKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId: string;
}

type StartOutcome = 'started' | 'blocked' | 'skipped';

const SWEEP_LIMIT = 500;
/** Work younger than this is being done by the node that created it (after its commit); the sweep leaves it alone. */
const SWEEP_GRACE_MS = 5_000;
/** Rounds of polling (or of lock hand-over) one subscription (or key) gets per call, so a busy one cannot starve others. */
const MAX_ROUNDS = 50;
/** Keys beyond the ones a publication counts, in case another command draws from the shared block meanwhile. */
const KEY_MARGIN = 64;
const OUTBOX_KINDS = [MESSAGE_CORRELATE_OUTBOX, MESSAGE_START_OUTBOX];

export class MessageCommands {
  constructor(
    private readonly db: Db,
    private readonly commands: EngineCommands,
    private readonly events: EventCommands,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    events.onOutboxDelivery(MESSAGE_CORRELATE_OUTBOX, (item) => this.deliverCorrelation(item));
    events.onOutboxDelivery(MESSAGE_START_OUTBOX, (item) => this.deliverStart(item));
  }

  // ---- publication ----

  /** PublishMessage: answers with the message key once the message and its correlations are committed. */
  async publish(request: PublishMessageRequest): Promise<Result<{ key: string }>> {
    if (request.name === '') return reject('INVALID_ARGUMENT', 'Expected to publish a message with a name, but the message name is empty');
    const { keys } = this.commands;
    await keys.reserve(1);
    const now = this.clock.now();
    const timeToLive = Math.max(0, Math.trunc(request.timeToLive));
    const message: StoredMessage = { key: keys.next(), name: request.name, correlationKey: request.correlationKey, messageId: request.messageId, variables: request.variables, timeToLive, publishedAt: now, expiresAt: now + timeToLive };
    let items: OutboxItem[];
    try {
      items = await withTransaction(this.db, async (sql) => {
        if (message.messageId !== '') {
          await lockMessageId(sql, message.name, message.correlationKey, message.messageId);
          if (await isMessageBuffered(sql, message.name, message.correlationKey, message.messageId, now)) {
            throw new CommandRejectedError({ kind: 'ALREADY_EXISTS', message: `Expected to publish a new message with id '${message.messageId}', but a message with that id was already published` });
          }
        }
        const out = await this.correlationsAtPublication(sql, message);
        // a message nothing waits for and that must not be buffered is never stored (Zeebe expires it at once)
        const stored = timeToLive > 0 || out.length > 0;
        if (stored) await insertMessage(sql, message);
        await insertOutboxItems(sql, out);
        await appendRecords(sql, [messageRecord(message, 'PUBLISHED', now), ...(stored ? [] : [messageRecord(message, 'EXPIRED', now)])]);
        return out;
      });
    } catch (error) {
      if (error instanceof CommandRejectedError) return { ok: false, rejection: error.rejection };
      throw error;
    }
    if (items.length === 0 && timeToLive === 0) this.log.debug({ messageKey: message.key, name: message.name }, 'message dropped: nothing waits for it and its time to live is 0');
    if (items.length > 0) void this.events.deliver(items);
    return ok({ key: message.key });
  }

  /**
   * The outbox items of a publication: one per open subscription with the name and correlation key (the first of a
   * process to claim the message gets it), and one per process with a message start event of the name that no
   * instance already takes it for.
   */
  private async correlationsAtPublication(sql: Sql, message: StoredMessage): Promise<OutboxItem[]> {
    const waiting = await openMessageSubscriptions(sql, message.name, message.correlationKey);
    const taken = new Set(waiting.map((s) => s.bpmnProcessId));
    const starts: EventSubscription[] = [];
    for (const s of await messageStartSubscriptions(sql, message.name)) {
      if (taken.has(s.bpmnProcessId)) continue;
      taken.add(s.bpmnProcessId);
      starts.push(s);
    }
    const { keys } = this.commands;
    await keys.reserve(waiting.length + starts.length + KEY_MARGIN);
    const now = message.publishedAt;
    const items: OutboxItem[] = [];
    for (const s of waiting) {
      const payload: CorrelatePayload = { messageKey: message.key, subscriptionKey: s.key, name: message.name, correlationKey: message.correlationKey, variables: message.variables };
      items.push({ key: keys.next(), kind: MESSAGE_CORRELATE_OUTBOX, processInstanceKey: s.processInstanceKey, payload: { ...payload }, createdAt: now });
    }
    for (const s of starts) {
      const payload: StartPayload = { messageKey: message.key, subscriptionKey: s.key, processDefinitionKey: s.processDefinitionKey, bpmnProcessId: s.bpmnProcessId, elementId: s.elementId };
      items.push({ key: keys.next(), kind: MESSAGE_START_OUTBOX, processInstanceKey: null, payload: { ...payload }, createdAt: now });
    }
    return items;
  }

  // ---- correlation to waiting instances ----

  /** A message for one open subscription: correlated unless the subscription is gone or the process had the message. */
  private async deliverCorrelation(item: OutboxItem): Promise<void> {
    const payload = item.payload as unknown as CorrelatePayload;
    if (item.processInstanceKey === null) throw new Error(`Expected outbox item '${item.key}' (${item.kind}) to name its receiving instance, but it does not`);
    const result = await this.commands.execute<boolean>({
      locator: { processInstanceKey: item.processInstanceKey },
      action: 'correlate a message to',
      prepare: async (sql, state) => {
        if (!(await claimOutboxItem(sql, item.key))) return false;
        const subscription = waitingMessageSubscription(state, payload.subscriptionKey);
        if (!subscription || !(await lockMessage(sql, payload.messageKey))) return false;
        return claimCorrelation(sql, { messageKey: payload.messageKey, bpmnProcessId: subscription.bpmnProcessId, processInstanceKey: state.instance.key, elementInstanceKey: subscription.elementInstanceKey, createdAt: this.clock.now() });
      },
      decide: (rt) => correlateMessage(rt, payload.subscriptionKey, { key: payload.messageKey, variables: payload.variables }),
    });
    // the instance is gone: nothing to deliver to, but the item must not be retried forever
    if (!result.ok && result.rejection.kind === 'NOT_FOUND') await claimOutboxItem(this.sql, item.key);
  }

  /**
   * Correlates buffered messages to a subscription, oldest first: one for an interrupting subscription (its element
   * leaves), as many as are waiting for a non-interrupting one. The look before each command saves loading the
   * instance when the buffer has nothing (the common case).
   */
  private async pollBuffer(subscription: Readonly<EventSubscription>): Promise<void> {
    if (subscription.processInstanceKey === null || subscription.name === null || subscription.correlationKey === null) return;
    const target = { name: subscription.name, correlationKey: subscription.correlationKey, bpmnProcessId: subscription.bpmnProcessId };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (!(await hasBufferedMessageFor(this.sql, target, this.clock.now()))) return;
      let claimed: StoredMessage | null = null;
      const result = await this.commands.execute<boolean>({
        locator: { processInstanceKey: subscription.processInstanceKey },
        action: 'correlate a buffered message to',
        prepare: async (sql, state) => {
          const open = waitingMessageSubscription(state, subscription.key);
          claimed = open ? await claimBufferedMessage(sql, { ...target, processInstanceKey: state.instance.key, elementInstanceKey: open.elementInstanceKey }, this.clock.now()) : null;
          return claimed !== null;
        },
        decide: (rt) => correlateMessage(rt, subscription.key, claimed!),
      });
      if (!result.ok || result.value !== true || subscription.interrupting) return;
    }
  }

  // ---- message start events ----

  private async deliverStart(item: OutboxItem): Promise<void> {
    const payload = item.payload as unknown as StartPayload;
    await this.startInstance(payload, item.key);
  }

  /**
   * Starts an instance of the definition at its message start event with the message's variables. The prepare step
   * claims the message for the process and, for a non-empty correlation key, the key's start lock; a held lock
   * leaves the message buffered ('blocked'); a message the process had already, or a deleted definition, skips it.
   */
  private async startInstance(start: StartPayload, outboxKey: string | null): Promise<StartOutcome> {
    const claimItem = async () => {
      if (outboxKey !== null) await claimOutboxItem(this.sql, outboxKey);
    };
    const definition = await findDefinitionByKey(this.sql, start.processDefinitionKey);
    const model = definition ? await this.commands.model(definition.key) : null;
    const startEvent = model?.elements.get(start.elementId);
    if (!definition || !model || startEvent?.type !== 'START_EVENT' || startEvent.eventType !== 'MESSAGE') {
      await claimItem();
      return 'skipped';
    }
    // set by the prepare step (which runs again if its batch is retried)
    const prepared: { outcome: StartOutcome } = { outcome: 'skipped' };
    let message: StoredMessage | null = null;
    let created: InstanceState | null = null;
    const result = await this.commands
      .execute<string | null>({
        locator: null,
        action: 'start',
        newState: () => {
          created = new InstanceState({ key: this.commands.keys.next(), processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version, awaitResult: false, createdAt: this.clock.now() });
          created.changed.instance = 'insert';
          return { state: created, model };
        },
        prepare: async (sql, state) => {
          prepared.outcome = 'skipped';
          if (outboxKey !== null && !(await claimOutboxItem(sql, outboxKey))) return false;
          if (!(await findDefinitionByKey(sql, definition.key))) return false;
          message = await lockMessage(sql, start.messageKey);
          if (!message) return false;
          const now = this.clock.now();
          const processInstanceKey = state.instance.key;
          if (!(await claimCorrelation(sql, { messageKey: message.key, bpmnProcessId: definition.bpmnProcessId, processInstanceKey, elementInstanceKey: null, createdAt: now }))) return false;
          if (message.correlationKey !== '' && !(await acquireStartLock(sql, { bpmnProcessId: definition.bpmnProcessId, correlationKey: message.correlationKey, processInstanceKey, messageKey: message.key, createdAt: now }))) {
            await releaseCorrelation(sql, message.key, definition.bpmnProcessId);
            prepared.outcome = 'blocked';
            return false;
          }
          prepared.outcome = 'started';
          return true;
        },
        decide: (rt) => {
          const m = message!;
          startAtMessageStartEvent(rt, start.elementId, m.variables);
          created!.records.push(startCorrelatedRecord(start, m, rt.ctx.state.instance, this.clock.now()));
          return ok(rt.ctx.state.instance.key);
        },
      })
      .catch((error: unknown): Result<string | null> => {
        // DeleteResource deleted the definition between the check and the instance insert (see resource-deletion.ts)
        if (isDeletedDefinitionError(error)) return reject('NOT_FOUND', `Expected to start process definition '${definition.key}' by a message, but it was deleted`);
        throw error;
      });
    if (!result.ok) {
      if (result.rejection.kind === 'NOT_FOUND') await claimItem();
      return 'skipped';
    }
    return result.value === null ? (prepared.outcome === 'blocked' ? 'blocked' : 'skipped') : 'started';
  }

  /** An instance that ended frees the start locks it held: the oldest buffered message for the key may start the next. */
  private async instanceEnded(instance: Readonly<ProcessInstance>): Promise<void> {
    const model = await this.commands.model(instance.processDefinitionKey);
    if (!hasMessageStartEvent(model)) return;
    for (const lock of await startLocksHeldBy(this.sql, instance.key)) await this.freeStartLock(lock);
  }

  /**
   * Hands a start lock whose instance has ended to the oldest buffered message for its key, or removes it when none
   * is left. A start that another process's claim or a concurrent hand-over beat moves on to the next message.
   */
  private async freeStartLock(lock: StartLock): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = await nextBufferedStart(this.sql, lock, this.clock.now());
      if (!next) {
        await withTransaction(this.db, (sql) => removeStaleStartLock(sql, lock));
        return;
      }
      const start: StartPayload = { messageKey: next.message.key, subscriptionKey: next.subscription.key, processDefinitionKey: next.subscription.processDefinitionKey, bpmnProcessId: lock.bpmnProcessId, elementId: next.subscription.elementId };
      if ((await this.startInstance(start, null)) !== 'skipped') return;
    }
  }

  // ---- after commit, and the sweep ----

  /**
   * CommandHooks.committed: message subscriptions the command opened poll the buffer; an instance that ended frees
   * its message start lock. Both run in the background; the sweep repeats what a crash interrupts.
   */
  committed(state: InstanceState): void {
    for (const [key, change] of state.changed.subscriptions) {
      if (change !== 'upsert') continue;
      const s = state.subscriptions.get(key);
      if (s?.kind === 'message' && s.processInstanceKey !== null) this.background(this.pollBuffer(s), 'message buffer poll failed; the sweep retries it', { subscriptionKey: key });
    }
    if (state.changed.elements.get(state.instance.key) === 'delete') {
      this.background(this.instanceEnded(state.instance), 'freeing a message start lock failed; the sweep retries it', { processInstanceKey: state.instance.key });
    }
  }

  /**
   * The scheduler's message sweep: expire messages; repeat what a crash interrupted — buffer polls of open
   * subscriptions (work younger than the grace period is left to the node that does it after its commit) and
   * hand-overs of start locks whose instance ended.
   */
  async sweep(): Promise<void> {
    await this.expireMessages();
    const now = this.clock.now();
    const waiting = await subscriptionsWithBufferedMessages(this.sql, now, now - SWEEP_GRACE_MS, SWEEP_LIMIT);
    await Promise.all(waiting.map((s) => this.pollBuffer(s).catch((error: unknown) => this.log.warn({ err: error, subscriptionKey: s.key }, 'message buffer poll failed'))));
    for (const lock of await staleStartLocks(this.sql, SWEEP_LIMIT)) {
      await this.freeStartLock(lock).catch((error: unknown) => this.log.warn({ err: error, ...lock }, 'freeing a message start lock failed'));
    }
  }

  private async expireMessages(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const expired = await withTransaction(this.db, async (sql) => {
        const gone = await deleteExpiredMessages(sql, now, SWEEP_LIMIT, OUTBOX_KINDS);
        await appendRecords(sql, gone.map((m) => messageRecord(m, 'EXPIRED', now)));
        return gone;
      });
      if (expired.length < SWEEP_LIMIT) return;
    }
  }

  private background(work: Promise<void>, failure: string, context: Record<string, unknown>): void {
    work.catch((error: unknown) => this.log.warn({ err: error, ...context }, failure));
  }

  private get sql(): Sql {
    return (text, values) => query(this.db, text, values);
  }
}

function messageRecord(m: StoredMessage, intent: 'PUBLISHED' | 'EXPIRED', now: number): RecordDraft {
  return {
    recordType: 'EVENT',
    valueType: 'MESSAGE',
    intent,
    key: m.key,
    processInstanceKey: null,
    timestamp: now,
    payload: { name: m.name, correlationKey: m.correlationKey, messageId: m.messageId, timeToLive: m.timeToLive, deadline: m.expiresAt, variables: m.variables },
  };
}

function startCorrelatedRecord(start: StartPayload, m: StoredMessage, instance: Readonly<ProcessInstance>, now: number): RecordDraft {
  return {
    recordType: 'EVENT',
    valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION',
    intent: 'CORRELATED',
    key: start.subscriptionKey,
    processInstanceKey: instance.key,
    timestamp: now,
    payload: {
      processDefinitionKey: instance.processDefinitionKey,
      bpmnProcessId: instance.bpmnProcessId,
      startEventId: start.elementId,
      messageKey: m.key,
      messageName: m.name,
      correlationKey: m.correlationKey,
      variables: m.variables,
    },
  };
}
