import type { Knex } from 'knex';

// Published messages (PublishMessage) and what they correlated to.
//
// engine.messages: a message is kept until its time to live ends (expires_at); while kept it is "buffered": a message
// subscription opened later correlates it, oldest first. `position` (an identity, not the key) gives that order:
// keys come from per-node key blocks and do not follow publication order across engine nodes. A message with
// time to live 0 is kept only until the correlations decided at publication have been delivered (its outbox
// items), because its correlation rows below hang on it; the scheduler sweep deletes expired messages.
//
// engine.message_correlations: a message correlates at most once per bpmnProcessId (all versions, Zeebe's
// "message cardinality"); the primary key makes concurrent correlations of one message to instances of the same
// process (on any engine node) exclusive: the first insert wins, the others find the row.
//
// engine.message_start_locks: a message start event started with a non-empty correlation key allows one ACTIVE
// instance per bpmnProcessId + correlation key. The row names the instance that holds the key; it is held while
// that instance's row exists in engine.process_instances (both are committed by the same command, and an ended
// instance's row is deleted by the command that ends it), so the lock cannot outlive its instance even when the
// instance ends in the very command that started it. A stale row is taken over by the next start, or removed by
// the sweep once no buffered message waits for it.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.messages (
      key bigint primary key,
      position bigint generated always as identity,
      name text not null,
      correlation_key text not null,
      message_id text not null,
      variables jsonb not null,
      time_to_live bigint not null,
      published_at bigint not null,
      expires_at bigint not null
    );
    create index messages_buffer on engine.messages (name, correlation_key, position);
    create index messages_expiry on engine.messages (expires_at);

    create table engine.message_correlations (
      message_key bigint not null references engine.messages (key) on delete cascade,
      bpmn_process_id text not null,
      process_instance_key bigint not null,
      element_instance_key bigint,
      created_at bigint not null,
      primary key (message_key, bpmn_process_id)
    );

    create table engine.message_start_locks (
      bpmn_process_id text not null,
      correlation_key text not null,
      process_instance_key bigint not null,
      message_key bigint not null,
      created_at bigint not null,
      primary key (bpmn_process_id, correlation_key)
    );
    create index message_start_locks_instance on engine.message_start_locks (process_instance_key);
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.message_start_locks; drop table engine.message_correlations; drop table engine.messages;');
}
