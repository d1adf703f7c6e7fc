import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('users', (t) => {
    t.increments('id');
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable();
    t.specificType('roles', 'text[]').notNullable();
    t.integer('organisation_id').notNullable().references('id').inTable('app.organisations').onDelete('RESTRICT');
    t.integer('body_id').references('id').inTable('app.enforcement_bodies').onDelete('RESTRICT');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['organisation_id']);
    t.index(['body_id']);
  });
  await db.raw(`alter table app.users add constraint users_roles_check check (
    cardinality(roles) > 0 and roles <@ array['officer','legal_reviewer','agency_head','supervisor','process_designer','administrator']::text[])`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('users');
}
