import type { Knex } from 'knex';

// Event subscriptions and the outbox.
//
// engine.event_subscriptions: what an element instance waits for — a timer (due_date), a message (name +
// correlation key) or a signal (name). Rows of a running instance (process_instance_key set) belong to its state:
// loaded with it by lock_and_load and written by apply_batch. Rows without an instance are start-event
// subscriptions of a deployed process definition (timer, message and signal start events), kept by deployment.
// The scheduler finds due timers through the partial index on due_date, so a timer that fell due while every
// engine node was down fires at the first sweep after start-up.
//
// engine.outbox: commands a command sends to ANOTHER process instance (a call activity's child reporting back to
// its parent, a message correlated to a waiting instance), written in the sender's transaction and delivered
// after commit; the receiving command deletes its row in its own transaction, so each is delivered exactly once,
// and rows left by a crash are delivered by the next sweep.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create table engine.event_subscriptions (
      key bigint primary key,
      kind text not null check (kind in ('timer', 'message', 'signal')),
      process_instance_key bigint,
      element_instance_key bigint,
      element_id text not null,
      process_definition_key bigint not null,
      bpmn_process_id text not null,
      name text,
      correlation_key text,
      interrupting boolean not null default true,
      due_date bigint,
      repetitions int,
      interval text,
      created_at bigint not null
    );
    create index event_subscriptions_due on engine.event_subscriptions (due_date) where kind = 'timer';
    create index event_subscriptions_message on engine.event_subscriptions (name, correlation_key) where kind = 'message';
    create index event_subscriptions_signal on engine.event_subscriptions (name) where kind = 'signal';
    create index event_subscriptions_instance on engine.event_subscriptions (process_instance_key);
    create index event_subscriptions_definition on engine.event_subscriptions (process_definition_key) where process_instance_key is null;

    create table engine.outbox (
      key bigint primary key,
      kind text not null,
      process_instance_key bigint,
      payload jsonb not null,
      created_at bigint not null
    );
    create index outbox_created on engine.outbox (created_at);

    create or replace function engine.lock_and_load(kind text, k bigint) returns jsonb language plpgsql volatile as $$
    declare
      pi engine.process_instances;
    begin
      if kind = 'instance' then
        select p.* into pi from engine.process_instances p where p.key = k for update;
      elsif kind = 'job' then
        select p.* into pi from engine.jobs j join engine.process_instances p on p.key = j.process_instance_key where j.key = k for update of p, j;
      elsif kind = 'incident' then
        select p.* into pi from engine.incidents i join engine.process_instances p on p.key = i.process_instance_key where i.key = k for update of p;
      else
        select p.* into pi from engine.element_instances e join engine.process_instances p on p.key = e.process_instance_key where e.key = k for update of p;
      end if;
      if not found then
        return null;
      end if;
      return jsonb_build_object(
        'instance', to_jsonb(pi),
        'elements', (select coalesce(jsonb_agg(e), '[]'::jsonb) from engine.element_instances e where e.process_instance_key = pi.key),
        'variables', (select coalesce(jsonb_agg(jsonb_build_object('scope_key', v.scope_key::text, 'name', v.name, 'value', v.value)), '[]'::jsonb) from engine.variables v where v.process_instance_key = pi.key),
        'jobs', (select coalesce(jsonb_agg(j), '[]'::jsonb) from engine.jobs j where j.process_instance_key = pi.key),
        'incidents', (select coalesce(jsonb_agg(i), '[]'::jsonb) from engine.incidents i where i.process_instance_key = pi.key),
        'subscriptions', (select coalesce(jsonb_agg(s), '[]'::jsonb) from engine.event_subscriptions s where s.process_instance_key = pi.key));
    end $$;

    create or replace function engine.apply_batch(c jsonb) returns void language plpgsql volatile as $$
    begin
      if c->'instance_inserts' is not null then
        insert into engine.process_instances (key, process_definition_key, bpmn_process_id, version, await_result, created_at)
        select key, process_definition_key, bpmn_process_id, version, await_result, created_at
        from jsonb_to_recordset(c->'instance_inserts') as x(key bigint, process_definition_key bigint, bpmn_process_id text, version int, await_result boolean, created_at bigint);
      end if;
      if c->'element_upserts' is not null then
        insert into engine.element_instances (key, process_instance_key, flow_scope_key, element_id, element_type, state, data)
        select key, process_instance_key, flow_scope_key, element_id, element_type, state, data
        from jsonb_to_recordset(c->'element_upserts') as x(key bigint, process_instance_key bigint, flow_scope_key bigint, element_id text, element_type text, state text, data jsonb)
        on conflict (key) do update set state = excluded.state, data = excluded.data;
      end if;
      if c->'element_deletes' is not null then
        delete from engine.element_instances where key = any(array(select jsonb_array_elements_text(c->'element_deletes')::bigint));
      end if;
      if c->'scope_deletes' is not null then
        delete from engine.variables where scope_key = any(array(select jsonb_array_elements_text(c->'scope_deletes')::bigint));
      end if;
      if c->'variable_upserts' is not null then
        insert into engine.variables (scope_key, name, process_instance_key, value)
        select scope_key, name, process_instance_key, value
        from jsonb_to_recordset(c->'variable_upserts') as x(scope_key bigint, name text, process_instance_key bigint, value jsonb)
        on conflict (scope_key, name) do update set value = excluded.value;
      end if;
      if c->'job_upserts' is not null then
        insert into engine.jobs (key, type, state, retries, worker, deadline, backoff_until, error_message, custom_headers, process_instance_key, element_instance_key,
                                 element_id, process_definition_key, bpmn_process_id, process_definition_version, scope_keys, created_at)
        select key, type, state, retries, worker, deadline, backoff_until, error_message, custom_headers, process_instance_key, element_instance_key,
               element_id, process_definition_key, bpmn_process_id, process_definition_version, scope_keys, created_at
        from jsonb_to_recordset(c->'job_upserts') as x(key bigint, type text, state text, retries int, worker text, deadline bigint, backoff_until bigint, error_message text,
             custom_headers jsonb, process_instance_key bigint, element_instance_key bigint, element_id text, process_definition_key bigint, bpmn_process_id text,
             process_definition_version int, scope_keys bigint[], created_at bigint)
        on conflict (key) do update set state = excluded.state, retries = excluded.retries, worker = excluded.worker, deadline = excluded.deadline,
             backoff_until = excluded.backoff_until, error_message = excluded.error_message;
      end if;
      if c->'job_deletes' is not null then
        delete from engine.jobs where key = any(array(select jsonb_array_elements_text(c->'job_deletes')::bigint));
      end if;
      if c->'incident_upserts' is not null then
        insert into engine.incidents (key, process_instance_key, element_instance_key, element_id, job_key, error_type, error_message, created_at)
        select key, process_instance_key, element_instance_key, element_id, job_key, error_type, error_message, created_at
        from jsonb_to_recordset(c->'incident_upserts') as x(key bigint, process_instance_key bigint, element_instance_key bigint, element_id text, job_key bigint, error_type text, error_message text, created_at bigint)
        on conflict (key) do nothing;
      end if;
      if c->'incident_deletes' is not null then
        delete from engine.incidents where key = any(array(select jsonb_array_elements_text(c->'incident_deletes')::bigint));
      end if;
      if c->'instance_deletes' is not null then
        delete from engine.process_instances where key = any(array(select jsonb_array_elements_text(c->'instance_deletes')::bigint));
      end if;
      if c->'subscription_upserts' is not null then
        insert into engine.event_subscriptions (key, kind, process_instance_key, element_instance_key, element_id, process_definition_key, bpmn_process_id,
                                                name, correlation_key, interrupting, due_date, repetitions, interval, created_at)
        select key, kind, process_instance_key, element_instance_key, element_id, process_definition_key, bpmn_process_id,
               name, correlation_key, interrupting, due_date, repetitions, interval, created_at
        from jsonb_to_recordset(c->'subscription_upserts') as x(key bigint, kind text, process_instance_key bigint, element_instance_key bigint, element_id text,
             process_definition_key bigint, bpmn_process_id text, name text, correlation_key text, interrupting boolean, due_date bigint, repetitions int, interval text, created_at bigint)
        on conflict (key) do update set due_date = excluded.due_date, repetitions = excluded.repetitions;
      end if;
      if c->'subscription_deletes' is not null then
        delete from engine.event_subscriptions where key = any(array(select jsonb_array_elements_text(c->'subscription_deletes')::bigint));
      end if;
      if c->'instance_deletes' is not null then
        delete from engine.event_subscriptions where process_instance_key = any(array(select jsonb_array_elements_text(c->'instance_deletes')::bigint));
      end if;
      if c->'outbox_inserts' is not null then
        insert into engine.outbox (key, kind, process_instance_key, payload, created_at)
        select key, kind, process_instance_key, payload, created_at
        from jsonb_to_recordset(c->'outbox_inserts') as x(key bigint, kind text, process_instance_key bigint, payload jsonb, created_at bigint);
      end if;
      if c->'results' is not null then
        insert into engine.instance_results (process_instance_key, variables, created_at)
        select key, variables, at from jsonb_to_recordset(c->'results') as x(key bigint, variables jsonb, at bigint)
        on conflict do nothing;
      end if;
      if c->'records' is not null then
        insert into engine.records (record_type, value_type, intent, key, process_instance_key, timestamp, payload)
        select record_type, value_type, intent, key, process_instance_key, timestamp, payload
        from jsonb_to_recordset(c->'records') as x(record_type text, value_type text, intent text, key bigint, process_instance_key bigint, timestamp bigint, payload jsonb);
      end if;
      if c->'notify' is not null then
        perform pg_notify(n->>0, n->>1) from jsonb_array_elements(c->'notify') as n;
      end if;
    end $$;
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop table engine.outbox; drop table engine.event_subscriptions;');
}
