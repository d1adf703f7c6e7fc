import type { Knex } from 'knex';

// 临期 / 超期 alerts for supervision (执法监督): raised by the BPMN's warning and overdue timers through the
// raise-supervision-alert worker. At most one open alert per deadline and level, so a repeated timer raises it once.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('supervision_alerts', (t) => {
    t.bigIncrements('id');
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('deadline_id').notNullable().references('id').inTable('app.deadlines').onDelete('CASCADE');
    t.text('level').notNullable();
    // what the diagram calls the alert (case-limit-overdue, measure-near-expiry, …)
    t.text('kind');
    t.timestamp('raised_at', { useTz: true }).notNullable();
    t.timestamp('resolved_at', { useTz: true });
    t.bigInteger('job_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['process_instance_key']);
  });
  await db.raw(`alter table app.supervision_alerts add constraint supervision_alerts_level_check check (level in ('near-due', 'overdue'))`);
  await db.raw('create unique index supervision_alerts_open_idx on app.supervision_alerts (deadline_id, level) where resolved_at is null');
  await db.raw('create index supervision_alerts_open_raised_idx on app.supervision_alerts (raised_at) where resolved_at is null');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('supervision_alerts');
}
