import type { Knex } from 'knex';

// DeleteResource: deleted process definitions, decision requirements graphs and forms are MARKED (deleted_at), not
// removed. Their rows must stay because
//   - engine.process_instances references process_definitions(key): the running instances of a deleted version are
//     cancelled in bounded batches AFTER the deletion commits (one giant transaction for thousands of instances
//     would hold every lock at once), and in-flight commands of those instances still load the definition's XML;
//   - versions are never reused (Zeebe keeps counting after a deletion), so the highest version ever deployed
//     must stay known;
//   - engine.records keeps referring to the keys for history.
// Every lookup that starts something new (create instance, evaluate decision, latest version) skips marked rows.
//
// The trigger closes the race between a deletion and a concurrent CreateProcessInstance that looked the definition
// up just before: the deletion locks the definition row FOR UPDATE, which conflicts with the FOR KEY SHARE lock of
// the instance insert's foreign-key check. So either the insert's transaction holds its lock first (the deletion
// waits for it to commit and then finds the instance to cancel), or the insert waits for the deletion to commit and
// this statement trigger, which fires after the row-level foreign-key checks and reads with a fresh snapshot, sees
// deleted_at and rejects the insert (the create is answered NOT_FOUND). No instance of a deleted version survives.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    alter table engine.process_definitions add column deleted_at bigint;
    alter table engine.decision_requirements add column deleted_at bigint;
    alter table engine.forms add column deleted_at bigint;

    create function engine.reject_instances_of_deleted_definitions() returns trigger language plpgsql volatile as $$
    declare
      deleted_key bigint;
    begin
      select d.key into deleted_key
      from inserted i join engine.process_definitions d on d.key = i.process_definition_key
      where d.deleted_at is not null
      limit 1;
      if found then
        raise exception using
          errcode = 'foreign_key_violation',
          constraint = 'process_instances_definition_not_deleted',
          message = format('Expected to create an instance of process definition %s, but it is deleted', deleted_key);
      end if;
      return null;
    end $$;
    create trigger process_instances_definition_not_deleted after insert on engine.process_instances
      referencing new table as inserted for each statement execute function engine.reject_instances_of_deleted_definitions();
  `);
}

export async function down(db: Knex): Promise<void> {
  await db.raw(`
    drop trigger process_instances_definition_not_deleted on engine.process_instances;
    drop function engine.reject_instances_of_deleted_definitions();
    alter table engine.forms drop column deleted_at;
    alter table engine.decision_requirements drop column deleted_at;
    alter table engine.process_definitions drop column deleted_at;
  `);
}
