import type { Knex } from 'knex';

// Append-only, hash-chained audit log: each entry's hash covers the previous entry's hash.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.integer('user_id');
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.text('entity_id');
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable().unique();
  });
  await db.raw(`create function app.audit_log_is_append_only() returns trigger language plpgsql as $$
    begin raise exception 'app.audit_log is append-only'; end $$`);
  await db.raw(`create trigger audit_log_append_only before update or delete on app.audit_log
    for each row execute function app.audit_log_is_append_only()`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('audit_log');
  await db.raw('drop function if exists app.audit_log_is_append_only()');
}
