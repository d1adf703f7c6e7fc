import type { Knex } from 'knex';

// Server-side sessions: the cookie carries a random token, the table keeps only its SHA-256.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('sessions', (t) => {
    t.text('token_hash').primary();
    t.integer('user_id').notNullable().references('id').inTable('app.users').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('sessions');
}
