import type { Knex } from 'knex';

// Exceptions to the Monday–Friday week: statutory holidays (kind 'holiday') and 调休 make-up working days (kind 'workday').
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('calendar_days', (t) => {
    t.date('date').primary();
    t.text('kind').notNullable();
    t.text('name').notNullable();
    t.text('source').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
  });
  await db.raw(`alter table app.calendar_days add constraint calendar_days_kind_check check (kind in ('holiday', 'workday'))`);
  await db.raw(`alter table app.calendar_days add constraint calendar_days_source_check check (source in ('official', 'statutory', 'manual'))`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('calendar_days');
}
