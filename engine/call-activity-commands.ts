/**
 * Delivery of the outbox items call activities exchange (see runtime/behaviors/call-activities.ts). Reports between
 * existing instances are plain outbox handlers: a command on the receiving instance. Starting a child creates an
 * instance, so it builds its own command:
 *   - the child is created under the key the call activity chose and remembered, with its caller recorded on the
 *     instance row (parent_process_instance_key, parent_element_instance_key);
 *   - in the same transaction it checks, under a share lock on the parent's row, that the call activity still waits
 *     for this child. The lock makes a command that terminates the call activity (which sends the child's
 *     cancellation) wait until the child is committed, so the cancellation always finds it; a call activity that
 *     ended before gets no child at all.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Clock } from './clock.js';
import type { EngineCommands } from './engine-commands.js';
import { ok } from './errors.js';
import type { EventCommands } from './event-commands.js';
import { CALL_ACTIVITY_OUTBOX, callActivityWaitingFor, notDeployedMessage, type StartChildPayload } from './runtime/behaviors/call-activities.js';
import { raiseIncident } from './runtime/behaviors/incidents.js';
import {
  cancelCalledInstance,
  catchChildError,
  completeCallActivity,
  raiseUncaughtError,
  startCalledInstance,
} from './runtime/commands/child-instance.js';
import { InstanceState } from './state/instance-state.js';
import { callActivityAwaitsChild } from './state/pg/call-activity-repository.js';
import { findDefinitionByKey } from './state/pg/definitions-repository.js';
import { isDeletedDefinitionError } from './state/pg/resource-deletion-repository.js';
import { query, type Sql } from './state/pg/sql.js';
import { claimOutboxItem } from './state/pg/subscriptions-repository.js';
import type { OutboxItem } from './state/types.js';

type Payload<T> = T & Record<string, unknown>;

export class CallActivityCommands {
  constructor(
    private readonly db: Db,
    private readonly commands: EngineCommands,
    events: EventCommands,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    events.onOutboxDelivery(CALL_ACTIVITY_OUTBOX.startChild, (item) => this.startChild(item));
    events.onOutbox(CALL_ACTIVITY_OUTBOX.cancelChild, (rt, item) => cancelCalledInstance(rt, payloadOf(item)));
    events.onOutbox(CALL_ACTIVITY_OUTBOX.childCompleted, (rt, item) => completeCallActivity(rt, payloadOf(item)));
    events.onOutbox(CALL_ACTIVITY_OUTBOX.errorThrown, (rt, item) => catchChildError(rt, payloadOf(item)));
    events.onOutbox(CALL_ACTIVITY_OUTBOX.errorUncaught, (rt, item) => raiseUncaughtError(rt, payloadOf(item)));
  }

  private async startChild(item: OutboxItem): Promise<void> {
    const start = payloadOf<StartChildPayload>(item);
    // the version chosen at activation was deleted since (DeleteResource): the call activity gets the incident
    const definition = await findDefinitionByKey(this.sql, start.processDefinitionKey);
    if (!definition) return this.failStart(item, start);
    const model = await this.commands.model(definition.key);
    const result = await this.commands
      .execute<string | null>({
        locator: null,
        action: 'start the called process of',
        newState: () => {
          const state = new InstanceState({
            key: start.childInstanceKey,
            processDefinitionKey: definition.key,
            bpmnProcessId: definition.bpmnProcessId,
            version: definition.version,
            awaitResult: false,
            createdAt: this.clock.now(),
            parentProcessInstanceKey: start.parentProcessInstanceKey,
            parentElementInstanceKey: start.parentElementInstanceKey,
          });
          state.changed.instance = 'insert';
          return { state, model };
        },
        prepare: async (sql) => (await claimOutboxItem(sql, item.key)) && (await callActivityAwaitsChild(sql, start)),
        decide: (rt) => {
          const created = startCalledInstance(rt, start);
          return created.ok ? ok(rt.ctx.state.instance.key) : created;
        },
      })
      .catch((error: unknown) => {
        if (isDeletedDefinitionError(error)) return this.failStart(item, start).then(() => ok(null));
        throw error;
      });
    if (!result.ok) this.log.warn({ processInstanceKey: start.parentProcessInstanceKey, elementInstanceKey: start.parentElementInstanceKey, reason: result.rejection.message }, 'call activity did not start its child');
  }

  /** The child cannot be created: an incident on the call activity (resolving it starts the latest version again). */
  private async failStart(item: OutboxItem, start: StartChildPayload): Promise<void> {
    const result = await this.commands.execute({
      locator: { processInstanceKey: start.parentProcessInstanceKey },
      action: 'report a failed start to',
      prepare: (sql) => claimOutboxItem(sql, item.key),
      decide: (rt) => {
        const callActivity = callActivityWaitingFor(rt, { parentElementInstanceKey: start.parentElementInstanceKey, childInstanceKey: start.childInstanceKey });
        if (callActivity) raiseIncident(rt.ctx, callActivity, 'CALLED_ELEMENT_ERROR', notDeployedMessage(start.bpmnProcessId));
        return ok(callActivity !== undefined);
      },
    });
    // the parent is gone too: nothing waits for this child
    if (!result.ok && result.rejection.kind === 'NOT_FOUND') await claimOutboxItem(this.sql, item.key);
  }

  private get sql(): Sql {
    return (text, values) => query(this.db, text, values);
  }
}

function payloadOf<T>(item: OutboxItem): Payload<T> {
  return item.payload as Payload<T>;
}
