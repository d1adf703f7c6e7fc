/**
 * Process definitions and forms: versions per id, checksums for identical re-deploys. Deleted ones (DeleteResource)
 * keep their rows with deleted_at set: lookups that start something new skip them, version numbering does not.
 */
import type { Sql } from './sql.js';

export interface StoredDefinition {
  key: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  checksum: string;
  tenantId: string;
}

const COLUMNS = 'key, bpmn_process_id, version, resource_name, checksum, tenant_id';

function toDefinition(r: Record<string, unknown>): StoredDefinition {
  return { key: String(r.key), bpmnProcessId: String(r.bpmn_process_id), version: Number(r.version), resourceName: String(r.resource_name), checksum: String(r.checksum), tenantId: String(r.tenant_id) };
}

export async function findDefinitionByKey(sql: Sql, key: string): Promise<StoredDefinition | null> {
  if (!/^\d+$/.test(key)) return null;
  const r = await sql(`select ${COLUMNS} from engine.process_definitions where key = $1 and deleted_at is null`, [key]);
  return r.rows[0] ? toDefinition(r.rows[0]) : null;
}

export async function findDefinition(sql: Sql, bpmnProcessId: string, version: number | 'latest'): Promise<StoredDefinition | null> {
  const r =
    version === 'latest'
      ? await sql(`select ${COLUMNS} from engine.process_definitions where bpmn_process_id = $1 and deleted_at is null order by version desc limit 1`, [bpmnProcessId])
      : await sql(`select ${COLUMNS} from engine.process_definitions where bpmn_process_id = $1 and version = $2 and deleted_at is null`, [bpmnProcessId, version]);
  return r.rows[0] ? toDefinition(r.rows[0]) : null;
}

/** The highest version ever deployed for the id, deleted ones included (Zeebe never reuses a version); 0 if none. */
export async function highestDefinitionVersion(sql: Sql, bpmnProcessId: string): Promise<number> {
  const r = await sql('select coalesce(max(version), 0) as version from engine.process_definitions where bpmn_process_id = $1', [bpmnProcessId]);
  return Number(r.rows[0]?.version ?? 0);
}

export async function loadDefinitionXml(sql: Sql, key: string): Promise<{ xml: string; bpmnProcessId: string }> {
  const r = await sql('select xml, bpmn_process_id from engine.process_definitions where key = $1', [key]);
  const row = r.rows[0] as { xml: string; bpmn_process_id: string } | undefined;
  if (!row) throw new Error(`Expected process definition '${key}' to exist, but it does not`);
  return { xml: row.xml, bpmnProcessId: row.bpmn_process_id };
}

export async function insertDeployment(sql: Sql, key: string, now: number): Promise<void> {
  await sql('insert into engine.deployments (key, created_at) values ($1, $2)', [key, now]);
}

export async function insertDefinition(sql: Sql, d: StoredDefinition & { deploymentKey: string; xml: string; createdAt: number }): Promise<void> {
  await sql(
    'insert into engine.process_definitions (key, deployment_key, bpmn_process_id, version, resource_name, checksum, xml, tenant_id, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [d.key, d.deploymentKey, d.bpmnProcessId, d.version, d.resourceName, d.checksum, d.xml, d.tenantId, d.createdAt],
  );
}

export interface StoredForm {
  key: string;
  formId: string;
  version: number;
  resourceName: string;
  checksum: string;
  tenantId: string;
}

export async function latestForm(sql: Sql, formId: string): Promise<StoredForm | null> {
  const r = await sql('select key, form_id, version, resource_name, checksum, tenant_id from engine.forms where form_id = $1 and deleted_at is null order by version desc limit 1', [formId]);
  const row = r.rows[0] as Record<string, unknown> | undefined;
  return row ? { key: String(row.key), formId: String(row.form_id), version: Number(row.version), resourceName: String(row.resource_name), checksum: String(row.checksum), tenantId: String(row.tenant_id) } : null;
}

/** The highest form version ever deployed for the id, deleted ones included; 0 if none. */
export async function highestFormVersion(sql: Sql, formId: string): Promise<number> {
  const r = await sql('select coalesce(max(version), 0) as version from engine.forms where form_id = $1', [formId]);
  return Number(r.rows[0]?.version ?? 0);
}

export async function insertForm(sql: Sql, f: StoredForm & { deploymentKey: string; content: string; createdAt: number }): Promise<void> {
  await sql('insert into engine.forms (key, deployment_key, form_id, version, resource_name, checksum, content, tenant_id, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    f.key,
    f.deploymentKey,
    f.formId,
    f.version,
    f.resourceName,
    f.checksum,
    f.content,
    f.tenantId,
    f.createdAt,
  ]);
}
