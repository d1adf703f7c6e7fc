import type { Knex } from 'knex';

// Variables per scope (an element instance key; the process instance key is the root scope).
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.variables (
      scope_key bigint not null,
      name text not null,
      process_instance_key bigint not null,
      value jsonb,
      primary key (scope_key, name)
    );
    create index variables_process_instance on engine.variables (process_instance_key);
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.variables');
}
