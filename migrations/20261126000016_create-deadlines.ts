import type { Knex } from 'knex';

// Statutory deadlines of a case (domain reference §0.2): trigger, length, unit, pauses and extensions, the due instant
// the legal calendar computed and its explanation. One row per process instance and deadline kind; recomputing
// (a pause added, an extension approved) updates the row.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('deadlines', (t) => {
    t.bigIncrements('id');
    t.bigInteger('process_instance_key').notNullable();
    t.text('case_ref');
    t.text('kind').notNullable();
    t.text('legal_basis').notNullable();
    t.timestamp('start', { useTz: true }).notNullable();
    t.integer('length').notNullable();
    t.text('unit').notNullable();
    t.jsonb('paused').notNullable().defaultTo('[]');
    t.jsonb('extensions').notNullable().defaultTo('[]');
    t.timestamp('due', { useTz: true }).notNullable();
    t.date('due_date').notNullable();
    t.jsonb('explanation').notNullable();
    t.text('status').notNullable().defaultTo('running');
    t.bigInteger('job_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.unique(['process_instance_key', 'kind']);
    t.index(['case_ref']);
  });
  await db.raw(`alter table app.deadlines add constraint deadlines_unit_check check (unit in ('WD', 'CD', 'H', 'M'))`);
  await db.raw(`alter table app.deadlines add constraint deadlines_status_check check (status in ('running', 'met', 'overdue', 'cancelled'))`);
  await db.raw('alter table app.deadlines add constraint deadlines_length_check check (length > 0)');
  // supervision: what is running and when it falls due
  await db.raw(`create index deadlines_running_due_idx on app.deadlines (due) where status in ('running', 'overdue')`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('deadlines');
}
