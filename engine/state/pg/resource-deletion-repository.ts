/**
 * DeleteResource's rows. A deleted resource is marked (deleted_at), not removed: see migration
 * 20261126010020_engine-resource-deletion for why, and for the trigger that keeps new instances off deleted
 * process definitions.
 */
import type { Sql } from './sql.js';

/** The constraint name the trigger reports when an instance insert meets a deleted process definition. */
const DELETED_DEFINITION_CONSTRAINT = 'process_instances_definition_not_deleted';

/** Whether `error` is the trigger's refusal to insert an instance of a deleted process definition. */
export function isDeletedDefinitionError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { constraint?: unknown }).constraint === DELETED_DEFINITION_CONSTRAINT;
}

export type DeletedResource =
  | { kind: 'process'; key: string; bpmnProcessId: string; version: number; resourceName: string; alreadyDeleted: boolean }
  | { kind: 'decisionRequirements'; key: string; decisionRequirementsId: string; version: number; resourceName: string; decisions: Array<{ key: string; decisionId: string; version: number }> }
  | { kind: 'form'; key: string; formId: string; version: number; resourceName: string };

/**
 * Locks the resource with `key` and marks it deleted, whichever kind it is; null if no such resource exists. A
 * process definition deleted before is returned with alreadyDeleted (its instances may still need cancelling).
 *
 * The definition row is locked FOR UPDATE (not just updated, which takes the weaker FOR NO KEY UPDATE lock): only
 * that lock conflicts with the FOR KEY SHARE lock of a concurrent instance insert's foreign-key check.
 */
export async function markResourceDeleted(sql: Sql, key: string, now: number): Promise<DeletedResource | null> {
  if (!/^\d{1,19}$/.test(key)) return null;
  const process = await sql('select key::text, bpmn_process_id, version, resource_name, deleted_at from engine.process_definitions where key = $1 for update', [key]);
  const definition = process.rows[0];
  if (definition) {
    const alreadyDeleted = definition.deleted_at !== null;
    if (!alreadyDeleted) {
      await sql('update engine.process_definitions set deleted_at = $2 where key = $1', [key, now]);
      // start events of a deleted version must not create instances any more
      await sql('delete from engine.event_subscriptions where process_definition_key = $1 and process_instance_key is null', [key]);
    }
    return { kind: 'process', key, bpmnProcessId: String(definition.bpmn_process_id), version: Number(definition.version), resourceName: String(definition.resource_name), alreadyDeleted };
  }
  const graph = await sql(
    'update engine.decision_requirements set deleted_at = $2 where key = $1 and deleted_at is null returning decision_requirements_id, version, resource_name',
    [key, now],
  );
  const requirements = graph.rows[0];
  if (requirements) {
    const decisions = await sql('select key::text, decision_id, version from engine.decisions where decision_requirements_key = $1 order by key', [key]);
    return {
      kind: 'decisionRequirements',
      key,
      decisionRequirementsId: String(requirements.decision_requirements_id),
      version: Number(requirements.version),
      resourceName: String(requirements.resource_name),
      decisions: decisions.rows.map((d) => ({ key: String(d.key), decisionId: String(d.decision_id), version: Number(d.version) })),
    };
  }
  const form = await sql('update engine.forms set deleted_at = $2 where key = $1 and deleted_at is null returning form_id, version, resource_name', [key, now]);
  const row = form.rows[0];
  return row ? { kind: 'form', key, formId: String(row.form_id), version: Number(row.version), resourceName: String(row.resource_name) } : null;
}

/**
 * Up to `limit` running instances of a process definition, by key. No index serves this (one on the hot table
 * would cost every instance insert and delete); a deletion is rare, and each call scans once for many keys.
 */
/** Root instances of the definition (instances a call activity started are left to finish, see resource-deletion.ts). */
export async function instancesOfDefinition(sql: Sql, processDefinitionKey: string, limit: number): Promise<string[]> {
  const r = await sql('select key::text from engine.process_instances where process_definition_key = $1 and parent_process_instance_key is null order by key limit $2', [processDefinitionKey, limit]);
  return r.rows.map((row) => String(row.key));
}
