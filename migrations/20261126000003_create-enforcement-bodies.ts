import type { Knex } from 'knex';

// 执法主体: an agency with enforcement power, attached to one organisation, working in one field.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('enforcement_bodies', (t) => {
    t.increments('id');
    t.integer('organisation_id').notNullable().references('id').inTable('app.organisations').onDelete('RESTRICT');
    t.text('name').notNullable().unique();
    t.text('field').notNullable();
    t.text('credit_code');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['organisation_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('enforcement_bodies');
}
