/**
 * DeleteResource: a process definition, a decision requirements graph (with its decisions) or a form, by key.
 *
 * The resource is marked deleted in one short transaction (serialised with deployments, so version numbering and
 * the identical-re-deploy check never see half of it), with its DELETED records; deleting the latest version of a
 * process hands its start events back to the previous version. Afterwards the running instances of a deleted
 * process definition are cancelled as CancelProcessInstance does, a bounded number of commands at a time, so
 * thousands of instances never need one giant transaction. New instances of a deleted definition are impossible
 * from the moment the deletion commits (see the trigger in migration 20261126010020_engine-resource-deletion).
 *
 * Unlike Zeebe (which refuses, or in later versions drains, a definition with running instances), the root instances
 * are cancelled. Instances a call activity started are left to finish (drained, as later Zeebe versions do): a shared
 * procedure such as service-of-documents is called by many running cases of other processes, and cancelling the
 * child would leave each caller waiting forever, while cancelling the callers would end unrelated cases.
 *
 * Should this node stop while instances are still being cancelled, a repeated DeleteResource for the same key
 * finishes the job: a deleted process definition whose instances are not all gone is not yet "unknown".
 */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { Clock } from './clock.js';
import type { EngineCommands } from './engine-commands.js';
import { ok, reject, type Result } from './errors.js';
import { startSubscriptions } from './runtime/behaviors/start-events.js';
import { cancelInstance } from './runtime/commands/cancel-instance.js';
import { findDefinition } from './state/pg/definitions-repository.js';
import { appendRecords } from './state/pg/instance-repository.js';
import { instancesOfDefinition, markResourceDeleted, type DeletedResource } from './state/pg/resource-deletion-repository.js';
import { query, withTransaction, type Sql } from './state/pg/sql.js';
import { replaceStartSubscriptions } from './state/pg/subscriptions-repository.js';
import type { EventSubscription, RecordDraft } from './state/types.js';

export interface ResourceDeletionDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  commands: EngineCommands;
}

/** Instances read per scan, and cancel commands in flight at once (about two command batches). */
const SCAN_SIZE = 1_000;
const CANCELS_AT_ONCE = 100;

export async function deleteResource(deps: ResourceDeletionDeps, resourceKey: string): Promise<Result<DeletedResource>> {
  const now = deps.clock.now();
  const deleted = await withTransaction(deps.db, async (sql) => {
    // the same lock as DeployResource: a deployment of the same id waits, then numbers its version after this one
    await sql("select pg_advisory_xact_lock(hashtext('engine.deploy'))");
    const resource = await markResourceDeleted(sql, resourceKey, now);
    if (!resource || (resource.kind === 'process' && resource.alreadyDeleted)) return resource;
    if (resource.kind === 'process') await resubscribeStartEvents(deps, sql, resource, now);
    await appendRecords(sql, deletedRecords(resource, now));
    return resource;
  });
  const notFound = reject<DeletedResource>('NOT_FOUND', `Expected to delete resource with key '${resourceKey}', but no such resource was found`);
  if (!deleted) return notFound;
  if (deleted.kind !== 'process') {
    deps.log.info({ resourceKey, kind: deleted.kind }, 'resource deleted');
    return ok(deleted);
  }
  const cancelled = await cancelInstancesOf(deps, deleted.key);
  if (deleted.alreadyDeleted && cancelled === 0) return notFound;
  deps.log.info({ processDefinitionKey: deleted.key, bpmnProcessId: deleted.bpmnProcessId, version: deleted.version, cancelled }, 'process definition deleted');
  return ok(deleted);
}

/**
 * Only the latest version of a process starts by its start events (timer, message, signal). When that version is
 * deleted, its subscriptions are gone (markResourceDeleted) and, as in Zeebe, the version that is now the latest
 * subscribes again, as if it had just been deployed.
 */
async function resubscribeStartEvents(deps: ResourceDeletionDeps, sql: Sql, deleted: DeletedResource & { kind: 'process' }, now: number): Promise<void> {
  const latest = await findDefinition(sql, deleted.bpmnProcessId, 'latest');
  if (!latest || latest.version > deleted.version) return;
  const model = await deps.commands.model(latest.key, sql);
  // generously: batches running meanwhile draw keys from the same blocks
  await deps.commands.keys.reserve(model.process.childIds.length + 1_000);
  let subscriptions: EventSubscription[];
  try {
    subscriptions = startSubscriptions(model, latest.key, now, () => deps.commands.keys.next());
  } catch (error) {
    // e.g. a timeDate that has passed since that version was deployed: it simply does not start by it any more
    deps.log.warn({ err: error, processDefinitionKey: latest.key }, 'start events of the previous version could not be subscribed again');
    subscriptions = [];
  }
  await replaceStartSubscriptions(sql, latest.bpmnProcessId, subscriptions);
}

/** Cancels every running instance of the definition; returns how many this call cancelled. */
async function cancelInstancesOf(deps: ResourceDeletionDeps, processDefinitionKey: string): Promise<number> {
  let cancelled = 0;
  let failedBefore = new Set<string>();
  for (;;) {
    const keys = await instancesOfDefinition((text, values) => query(deps.db, text, values), processDefinitionKey, SCAN_SIZE);
    if (keys.length === 0) return cancelled;
    // an instance whose cancel failed twice in a row would make this loop spin: give up with the error instead
    const failed = new Set<string>();
    let lastError: unknown = null;
    for (let i = 0; i < keys.length; i += CANCELS_AT_ONCE) {
      // while they run, these count towards back-pressure (EngineCommands.commandsInFlight)
      const chunk = keys.slice(i, i + CANCELS_AT_ONCE);
      const results = await Promise.allSettled(chunk.map((key) => deps.commands.onInstance({ processInstanceKey: key }, 'cancel', (rt) => cancelInstance(rt))));
      results.forEach((result, index) => {
        // NOT_FOUND: the instance ended on its own meanwhile, which is just as good
        if (result.status === 'fulfilled') cancelled += result.value.ok ? 1 : 0;
        else {
          failed.add(chunk[index]!);
          lastError = result.reason;
        }
      });
    }
    if ([...failed].some((key) => failedBefore.has(key))) throw lastError;
    failedBefore = failed;
  }
}

function deletedRecords(resource: DeletedResource, now: number): RecordDraft[] {
  const record = (valueType: RecordDraft['valueType'], key: string, payload: Record<string, unknown>): RecordDraft => ({ recordType: 'EVENT', valueType, intent: 'DELETED', key, processInstanceKey: null, timestamp: now, payload });
  switch (resource.kind) {
    case 'process':
      return [record('PROCESS', resource.key, { processDefinitionKey: resource.key, bpmnProcessId: resource.bpmnProcessId, version: resource.version, resourceName: resource.resourceName })];
    case 'decisionRequirements':
      return [
        record('DECISION_REQUIREMENTS', resource.key, { decisionRequirementsKey: resource.key, decisionRequirementsId: resource.decisionRequirementsId, version: resource.version, resourceName: resource.resourceName }),
        ...resource.decisions.map((d) => record('DECISION', d.key, { decisionKey: d.key, decisionId: d.decisionId, version: d.version, decisionRequirementsKey: resource.key })),
      ];
    case 'form':
      return [record('FORM', resource.key, { formKey: resource.key, formId: resource.formId, version: resource.version, resourceName: resource.resourceName })];
  }
}
