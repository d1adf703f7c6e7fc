import type { Knex } from 'knex';

// Results of instances created with CreateProcessInstanceWithResult: written by the command that completes the
// instance (on any engine node), read and deleted by the node that holds the waiting call.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.instance_results (
      process_instance_key bigint primary key,
      variables jsonb not null,
      created_at bigint not null
    );
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.instance_results');
}
