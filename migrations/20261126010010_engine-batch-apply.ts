import type { Knex } from 'knex';

// engine.apply_batch: engine.apply_changes for a whole command batch in ONE call (one JSON document holding the
// changes of every command in the batch, concatenated), so PostgreSQL runs each of its statements once per batch
// instead of once per command. Commands of one batch are on different process instances, so their rows never
// overlap and the statements keep apply_changes' order (upserts, deletes, records, notifications).
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    create function engine.apply_batch(c jsonb) returns void language plpgsql volatile as $$
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
  await db.raw('drop function engine.apply_batch(jsonb);');
}
