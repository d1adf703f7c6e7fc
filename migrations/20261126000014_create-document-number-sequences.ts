import type { Knex } from 'knex';

// 文号 counters: one row per enforcement body, year and document kind. A job takes the next number with an upsert that
// keeps the row locked until the job's transaction ends: no duplicates, and a rolled-back job leaves no gap.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('document_number_sequences', (t) => {
    t.integer('body_id').notNullable().references('id').inTable('app.enforcement_bodies').onDelete('RESTRICT');
    t.integer('year').notNullable();
    t.text('kind').notNullable();
    t.integer('last_value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.primary(['body_id', 'year', 'kind']);
  });
  await db.raw('alter table app.document_number_sequences add constraint document_number_sequences_value_check check (last_value >= 1)');
  await db.raw('alter table app.document_number_sequences add constraint document_number_sequences_year_check check (year between 2000 and 9999)');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('document_number_sequences');
}
