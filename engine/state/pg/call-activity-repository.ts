/** Reads across call-activity parent and child instances, outside the instance a command has locked. */
import type { Sql } from './sql.js';

/**
 * Whether the call activity still waits for this child, checked by the command that creates the child. The share
 * lock on the parent's row waits for a command in flight on the parent (one that may terminate the call activity)
 * and keeps the next one waiting until the child is committed; the element is read after the lock, with a fresh
 * snapshot, so it is the committed state.
 */
export async function callActivityAwaitsChild(sql: Sql, link: { parentProcessInstanceKey: string; parentElementInstanceKey: string; childInstanceKey: string }): Promise<boolean> {
  const parent = await sql('select 1 from engine.process_instances where key = $1 for share', [link.parentProcessInstanceKey]);
  if (parent.rows.length === 0) return false;
  const r = await sql("select 1 from engine.element_instances where key = $1 and state = 'ACTIVATED' and data->>'calledChildInstanceKey' = $2", [link.parentElementInstanceKey, link.childInstanceKey]);
  return r.rows.length > 0;
}

/** The root of the instance's call-activity hierarchy (the instance itself when it has no parent, or its key when it is gone). */
export async function rootProcessInstanceKey(sql: Sql, processInstanceKey: string): Promise<string> {
  const r = await sql(
    `with recursive chain(key, parent, depth) as (
       select key, parent_process_instance_key, 0 from engine.process_instances where key = $1
       union all
       select p.key, p.parent_process_instance_key, c.depth + 1 from engine.process_instances p join chain c on p.key = c.parent
     )
     select key::text from chain order by depth desc limit 1`,
    [processInstanceKey],
  );
  return r.rows[0] ? String(r.rows[0].key) : processInstanceKey;
}
