import type { Knex } from 'knex';

// Failed logins, counted per username and per client address for throttling; kept in the database so every API node sees them.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('login_failures', (t) => {
    t.bigIncrements('id');
    t.text('username').notNullable();
    t.text('ip').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['username', 'at']);
    t.index(['ip', 'at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('login_failures');
}
