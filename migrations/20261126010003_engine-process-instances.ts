import type { Knex } from 'knex';

// Running process instances and their element-instance scope tree. Rows are deleted when an instance or
// element ends (its history lives in engine.records), so a finished process leaves no state behind.
// Commands on one instance are serialised by locking its engine.process_instances row (SELECT … FOR UPDATE).
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.process_instances (
      key bigint primary key,
      process_definition_key bigint not null references engine.process_definitions(key),
      bpmn_process_id text not null,
      version integer not null,
      await_result boolean not null default false,
      created_at bigint not null
    );
    create table engine.element_instances (
      key bigint primary key,
      process_instance_key bigint not null,
      flow_scope_key bigint,
      element_id text not null,
      element_type text not null,
      state text not null,
      data jsonb not null default '{}'
    );
    create index element_instances_process_instance on engine.element_instances (process_instance_key);
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.element_instances; drop table engine.process_instances;');
}
