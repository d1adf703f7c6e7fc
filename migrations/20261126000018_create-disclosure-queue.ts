import type { Knex } from 'knex';

// Decisions waiting to be disclosed (信息公示, 处罚法 Art 48; 国办发〔2018〕118号: penalty decisions within 7 working
// days, other decisions within 20, withdrawals within 3), with the due date from the legal calendar.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('disclosure_queue', (t) => {
    t.bigIncrements('id');
    t.bigInteger('process_instance_key').notNullable();
    t.text('case_ref');
    t.text('kind').notNullable();
    t.jsonb('subject').notNullable();
    t.timestamp('decided_at', { useTz: true }).notNullable();
    t.timestamp('due_by', { useTz: true }).notNullable();
    t.date('due_date').notNullable();
    t.jsonb('explanation').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    t.timestamp('published_at', { useTz: true });
    t.bigInteger('job_key').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['process_instance_key']);
  });
  await db.raw(`alter table app.disclosure_queue add constraint disclosure_queue_kind_check check (kind in ('penalty-decision', 'other-decision', 'withdrawal'))`);
  await db.raw(`alter table app.disclosure_queue add constraint disclosure_queue_status_check check (status in ('pending', 'published', 'withdrawn'))`);
  await db.raw(`create index disclosure_queue_pending_due_idx on app.disclosure_queue (due_by) where status = 'pending'`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('disclosure_queue');
}
