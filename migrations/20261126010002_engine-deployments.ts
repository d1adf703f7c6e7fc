import type { Knex } from 'knex';

// Deployed resources: BPMN process definitions (version per bpmn_process_id) and form-js forms (version per form_id).
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.deployments (
      key bigint primary key,
      created_at bigint not null
    );
    create table engine.process_definitions (
      key bigint primary key,
      deployment_key bigint not null references engine.deployments(key),
      bpmn_process_id text not null,
      version integer not null,
      resource_name text not null,
      checksum text not null,
      xml text not null,
      tenant_id text not null default '<default>',
      created_at bigint not null,
      unique (bpmn_process_id, version)
    );
    create table engine.forms (
      key bigint primary key,
      deployment_key bigint not null references engine.deployments(key),
      form_id text not null,
      version integer not null,
      resource_name text not null,
      checksum text not null,
      content text not null,
      tenant_id text not null default '<default>',
      created_at bigint not null,
      unique (form_id, version)
    );
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.forms; drop table engine.process_definitions; drop table engine.deployments;');
}
