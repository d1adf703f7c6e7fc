import type { Knex } from 'knex';

// Jobs of service-like tasks. Times are epoch milliseconds from the engine's injected clock.
// state: ACTIVATABLE | ACTIVATED | FAILED (incident, or waiting for back-off) | ERROR_THROWN (uncaught error incident).
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.jobs (
      key bigint primary key,
      type text not null,
      state text not null,
      retries integer not null,
      worker text,
      deadline bigint,
      backoff_until bigint,
      error_message text,
      custom_headers jsonb not null default '{}',
      process_instance_key bigint not null,
      element_instance_key bigint not null,
      element_id text not null,
      process_definition_key bigint not null,
      bpmn_process_id text not null,
      process_definition_version integer not null,
      scope_keys bigint[] not null,
      created_at bigint not null
    );
    create index jobs_activatable on engine.jobs (type, key) where state = 'ACTIVATABLE';
    create index jobs_deadline on engine.jobs (deadline) where state = 'ACTIVATED';
    create index jobs_backoff on engine.jobs (backoff_until) where state = 'FAILED' and backoff_until is not null;
    create index jobs_process_instance on engine.jobs (process_instance_key);
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.jobs');
}
