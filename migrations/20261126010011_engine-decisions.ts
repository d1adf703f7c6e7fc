import type { Knex } from 'knex';

// Deployed DMN: decision requirements graphs (version per decision_requirements_id, with their XML) and their
// decisions (version per decision_id), for EvaluateDecision and business-rule tasks with zeebe:calledDecision.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.decision_requirements (
      key bigint primary key,
      deployment_key bigint not null references engine.deployments(key),
      decision_requirements_id text not null,
      name text not null,
      version integer not null,
      resource_name text not null,
      checksum text not null,
      xml text not null,
      tenant_id text not null default '<default>',
      created_at bigint not null,
      unique (decision_requirements_id, version)
    );
    create table engine.decisions (
      key bigint primary key,
      decision_requirements_key bigint not null references engine.decision_requirements(key),
      decision_id text not null,
      name text not null,
      version integer not null,
      tenant_id text not null default '<default>',
      created_at bigint not null,
      unique (decision_id, version)
    );
    create index decisions_requirements on engine.decisions (decision_requirements_key);
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.decisions; drop table engine.decision_requirements;');
}
