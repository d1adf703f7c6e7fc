/**
 * Deployed DMN: decision requirements graphs (versions per DRG id, checksums for identical re-deploys) and decisions.
 * A deleted graph (DeleteResource) keeps its rows with deleted_at set; it and its decisions are skipped by every
 * lookup that evaluates or re-deploys, but still count for version numbering.
 */
import type { Sql } from './sql.js';

export interface StoredDecisionRequirements {
  key: string;
  decisionRequirementsId: string;
  name: string;
  version: number;
  resourceName: string;
  checksum: string;
  tenantId: string;
}

export interface StoredDecision {
  key: string;
  decisionId: string;
  name: string;
  version: number;
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  tenantId: string;
}

const DECISION_COLUMNS = 'd.key, d.decision_id, d.name, d.version, d.decision_requirements_key, r.decision_requirements_id, d.tenant_id';
const DECISION_FROM = 'engine.decisions d join engine.decision_requirements r on r.key = d.decision_requirements_key';

function toDecision(r: Record<string, unknown>): StoredDecision {
  return {
    key: String(r.key),
    decisionId: String(r.decision_id),
    name: String(r.name),
    version: Number(r.version),
    decisionRequirementsKey: String(r.decision_requirements_key),
    decisionRequirementsId: String(r.decision_requirements_id),
    tenantId: String(r.tenant_id),
  };
}

export async function latestDecisionRequirements(sql: Sql, decisionRequirementsId: string): Promise<StoredDecisionRequirements | null> {
  const r = await sql(
    'select key, decision_requirements_id, name, version, resource_name, checksum, tenant_id from engine.decision_requirements where decision_requirements_id = $1 and deleted_at is null order by version desc limit 1',
    [decisionRequirementsId],
  );
  const row = r.rows[0] as Record<string, unknown> | undefined;
  return row
    ? { key: String(row.key), decisionRequirementsId: String(row.decision_requirements_id), name: String(row.name), version: Number(row.version), resourceName: String(row.resource_name), checksum: String(row.checksum), tenantId: String(row.tenant_id) }
    : null;
}

export async function insertDecisionRequirements(sql: Sql, d: StoredDecisionRequirements & { deploymentKey: string; xml: string; createdAt: number }): Promise<void> {
  await sql(
    'insert into engine.decision_requirements (key, deployment_key, decision_requirements_id, name, version, resource_name, checksum, xml, tenant_id, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [d.key, d.deploymentKey, d.decisionRequirementsId, d.name, d.version, d.resourceName, d.checksum, d.xml, d.tenantId, d.createdAt],
  );
}

export async function insertDecision(sql: Sql, d: Omit<StoredDecision, 'decisionRequirementsId'> & { createdAt: number }): Promise<void> {
  await sql('insert into engine.decisions (key, decision_requirements_key, decision_id, name, version, tenant_id, created_at) values ($1, $2, $3, $4, $5, $6, $7)', [
    d.key,
    d.decisionRequirementsKey,
    d.decisionId,
    d.name,
    d.version,
    d.tenantId,
    d.createdAt,
  ]);
}

export async function findDecisionByKey(sql: Sql, key: string): Promise<StoredDecision | null> {
  if (!/^\d{1,19}$/.test(key)) return null;
  const r = await sql(`select ${DECISION_COLUMNS} from ${DECISION_FROM} where d.key = $1 and r.deleted_at is null`, [key]);
  return r.rows[0] ? toDecision(r.rows[0]) : null;
}

export async function latestDecision(sql: Sql, decisionId: string): Promise<StoredDecision | null> {
  const r = await sql(`select ${DECISION_COLUMNS} from ${DECISION_FROM} where d.decision_id = $1 and r.deleted_at is null order by d.version desc limit 1`, [decisionId]);
  return r.rows[0] ? toDecision(r.rows[0]) : null;
}

/** The highest version ever deployed of a decision, deleted graphs included (versions are never reused); 0 if none. */
export async function highestDecisionVersion(sql: Sql, decisionId: string): Promise<number> {
  const r = await sql('select coalesce(max(version), 0) as version from engine.decisions where decision_id = $1', [decisionId]);
  return Number(r.rows[0]?.version ?? 0);
}

/** The highest version ever deployed of a decision requirements graph, deleted ones included; 0 if none. */
export async function highestDecisionRequirementsVersion(sql: Sql, decisionRequirementsId: string): Promise<number> {
  const r = await sql('select coalesce(max(version), 0) as version from engine.decision_requirements where decision_requirements_id = $1', [decisionRequirementsId]);
  return Number(r.rows[0]?.version ?? 0);
}

/** The latest version of each of `decisionIds`, or of every decision when `decisionIds` is null. */
export async function latestDecisions(sql: Sql, decisionIds: readonly string[] | null): Promise<StoredDecision[]> {
  const r =
    decisionIds === null
      ? await sql(`select distinct on (d.decision_id) ${DECISION_COLUMNS} from ${DECISION_FROM} where r.deleted_at is null order by d.decision_id, d.version desc`)
      : await sql(`select distinct on (d.decision_id) ${DECISION_COLUMNS} from ${DECISION_FROM} where d.decision_id = any($1::text[]) and r.deleted_at is null order by d.decision_id, d.version desc`, [decisionIds]);
  return r.rows.map((row) => toDecision(row as Record<string, unknown>));
}

export async function decisionsOfRequirements(sql: Sql, decisionRequirementsKey: string): Promise<StoredDecision[]> {
  const r = await sql(`select ${DECISION_COLUMNS} from ${DECISION_FROM} where d.decision_requirements_key = $1 order by d.key`, [decisionRequirementsKey]);
  return r.rows.map((row) => toDecision(row as Record<string, unknown>));
}

export async function loadDecisionRequirementsXml(sql: Sql, key: string): Promise<string> {
  const r = await sql('select xml from engine.decision_requirements where key = $1', [key]);
  const row = r.rows[0] as { xml: string } | undefined;
  if (!row) throw new Error(`Expected decision requirements '${key}' to exist, but they do not`);
  return row.xml;
}
