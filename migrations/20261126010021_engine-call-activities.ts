import type { Knex } from 'knex';

// Call activities: an instance started by a call activity records its caller, as Zeebe's process instance record
// does (parentProcessInstanceKey, parentElementInstanceKey). The child uses them to report its completion or an
// uncaught error to the call activity, and CancelProcessInstance uses them to refuse cancelling a child directly.
// No foreign key: parent and child are written by different transactions (through engine.outbox), and a parent
// that ended first is a normal race the delivery handles (the child is cancelled by it, or its report is dropped).
//
// engine.apply_batch inserts the instance rows. Its instance insert is PATCHED here (the two columns appended to
// the column lists of the function as it stands) instead of re-declaring the whole function, so that this
// migration composes with other migrations that change other parts of apply_batch.
const COLUMNS = [
  { name: 'parent_process_instance_key', type: 'bigint' },
  { name: 'parent_element_instance_key', type: 'bigint' },
];

const INSTANCE_INSERT = /insert into engine\.process_instances \(([^)]*)\)(\s*)select ([^;]*?)(\s*)from jsonb_to_recordset\(c->'instance_inserts'\) as x\(([^)]*)\);/;

export async function up(db: Knex): Promise<void> {
  await db.raw(COLUMNS.map((c) => `alter table engine.process_instances add column ${c.name} ${c.type};`).join('\n'));
  await patchApplyBatch(db, (lists) => ({
    columns: [...lists.columns, ...COLUMNS.map((c) => c.name)],
    selected: [...lists.selected, ...COLUMNS.map((c) => c.name)],
    record: [...lists.record, ...COLUMNS.map((c) => `${c.name} ${c.type}`)],
  }));
}

export async function down(db: Knex): Promise<void> {
  const ours = new Set(COLUMNS.map((c) => c.name));
  await patchApplyBatch(db, (lists) => ({
    columns: lists.columns.filter((c) => !ours.has(c)),
    selected: lists.selected.filter((c) => !ours.has(c)),
    record: lists.record.filter((c) => !ours.has(c.split(' ')[0]!)),
  }));
  await db.raw(COLUMNS.map((c) => `alter table engine.process_instances drop column ${c.name};`).join('\n'));
}

interface InsertLists {
  columns: string[];
  selected: string[];
  record: string[];
}

async function patchApplyBatch(db: Knex, change: (lists: InsertLists) => InsertLists): Promise<void> {
  const result = await db.raw("select pg_get_functiondef('engine.apply_batch(jsonb)'::regprocedure) as definition");
  const definition = String((result.rows as Array<{ definition: string }>)[0]!.definition);
  const match = INSTANCE_INSERT.exec(definition);
  if (!match) throw new Error("Expected engine.apply_batch to insert engine.process_instances from c->'instance_inserts', but its definition has no such statement");
  const split = (text: string) => text.split(',').map((part) => part.trim().replace(/\s+/g, ' ')).filter((part) => part !== '');
  const lists = change({ columns: split(match[1]!), selected: split(match[3]!), record: split(match[5]!) });
  const statement = `insert into engine.process_instances (${lists.columns.join(', ')})${match[2]}select ${lists.selected.join(', ')}${match[4]}from jsonb_to_recordset(c->'instance_inserts') as x(${lists.record.join(', ')});`;
  await db.raw(definition.replace(INSTANCE_INSERT, () => statement));
}
