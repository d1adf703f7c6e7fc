import type { Knex } from 'knex';

// 执法事项 catalogue: what a body may do, on which legal basis, and whether townships may exercise it by delegation.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('enforcement_items', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('type').notNullable();
    t.text('legal_basis').notNullable();
    t.integer('body_id').notNullable().references('id').inTable('app.enforcement_bodies').onDelete('RESTRICT');
    t.boolean('delegated_to_township').notNullable().defaultTo(false);
    t.date('valid_from').notNullable();
    t.date('valid_to');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['body_id']);
  });
  await db.raw(`alter table app.enforcement_items add constraint enforcement_items_type_check check (type in ('inspection', 'penalty', 'coercion'))`);
  await db.raw('alter table app.enforcement_items add constraint enforcement_items_validity_check check (valid_to is null or valid_to >= valid_from)');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('enforcement_items');
}
