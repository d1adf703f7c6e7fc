/** Results for CreateProcessInstanceWithResult, handed over through engine.instance_results (any node may complete the instance). */
import type { Db } from '../../../db/connect.js';
import { query } from './sql.js';

export async function takeResult(db: Db, processInstanceKey: string): Promise<Record<string, unknown> | null> {
  const r = await query(db, 'delete from engine.instance_results where process_instance_key = $1 returning variables', [processInstanceKey]);
  const row = r.rows[0] as { variables: Record<string, unknown> } | undefined;
  return row ? row.variables : null;
}

/** The caller gave up: the instance no longer awaits a result, and a result already written is dropped. */
export async function abandonResult(db: Db, processInstanceKey: string): Promise<void> {
  await query(db, 'update engine.process_instances set await_result = false where key = $1', [processInstanceKey]);
  await query(db, 'delete from engine.instance_results where process_instance_key = $1', [processInstanceKey]);
}
