import type { Knex } from 'knex';

// The append-only record stream: every state change (value type, intent, keys, timestamp, payload),
// like the records a Zeebe exporter sees. The engine never reads it to run; the console reads it for history.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.records (
      position bigserial primary key,
      record_type text not null,
      value_type text not null,
      intent text not null,
      key bigint not null,
      process_instance_key bigint,
      timestamp bigint not null,
      payload jsonb not null
    );
    create index records_process_instance on engine.records (process_instance_key) where process_instance_key is not null;
    create function engine.records_append_only() returns trigger language plpgsql as $$
      begin raise exception 'engine.records is append-only'; end $$;
    create trigger records_append_only before update or delete on engine.records
      for each row execute function engine.records_append_only();
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.records; drop function engine.records_append_only();');
}
