import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.raw('create schema if not exists app');
  await db.raw('create schema if not exists engine');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop schema if exists engine cascade');
  await db.raw('drop schema if exists app cascade');
}
