import type { Knex } from 'knex';

// Open incidents; a resolved incident is deleted (its history is in engine.records).
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.incidents (
      key bigint primary key,
      process_instance_key bigint not null,
      element_instance_key bigint not null,
      element_id text not null,
      job_key bigint,
      error_type text not null,
      error_message text not null,
      created_at bigint not null
    );
    create index incidents_process_instance on engine.incidents (process_instance_key);
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.incidents');
}
