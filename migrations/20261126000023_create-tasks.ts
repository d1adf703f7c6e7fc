import type { Knex } from 'knex';

// 待办: user tasks as Camunda's Tasklist keeps them. The API activates every io.camunda.zeebe:userTask job with a long
// timeout and stores it here (job_key unique, so a re-activated job is one task); completing the task completes the
// job. Denormalised columns (case_ref, party_name, procedure, body_id) serve the lists' filters without joins.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('tasks', (t) => {
    t.bigIncrements('id');
    t.bigInteger('job_key').notNullable().unique();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('process_definition_key');
    t.bigInteger('element_instance_key');
    t.text('bpmn_process_id').notNullable();
    t.text('element_id').notNullable();
    // the element's name in the diagram (审批立案, …)
    t.text('name').notNullable();
    // form id from io.camunda.zeebe:formKey (camunda-forms:bpmn:<formId>)
    t.text('form_id');
    t.bigInteger('case_id').references('id').inTable('app.cases').onDelete('CASCADE');
    t.text('case_ref');
    t.text('party_name').notNullable().defaultTo('');
    t.integer('body_id').references('id').inTable('app.enforcement_bodies').onDelete('RESTRICT');
    // '<bodyId>:<role>' as the BPMN's candidateGroups header gives them
    t.specificType('candidate_groups', 'text[]').notNullable().defaultTo('{}');
    t.specificType('candidate_users', 'text[]').notNullable().defaultTo('{}');
    t.integer('assignee_id').references('id').inTable('app.users').onDelete('RESTRICT');
    t.timestamp('due_at', { useTz: true });
    t.timestamp('follow_up_at', { useTz: true });
    // created | completed | canceled
    t.text('state').notNullable().defaultTo('created');
    // completed | approved | rejected | returned
    t.text('outcome');
    // the job's variables when it was activated (form data is prefilled from them)
    t.jsonb('variables').notNullable().defaultTo('{}');
    t.jsonb('submitted');
    // client-chosen id of a completion (offline sync): the same submission twice completes once
    t.uuid('submission_id').unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('claimed_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.integer('completed_by').references('id').inTable('app.users').onDelete('RESTRICT');
  });
  await db.raw(`alter table app.tasks add constraint tasks_state_check check (state in ('created', 'completed', 'canceled'))`);
  await db.raw(`alter table app.tasks add constraint tasks_outcome_check check (outcome is null or outcome in ('completed', 'approved', 'rejected', 'returned'))`);
  await db.raw('create index tasks_case_idx on app.tasks (case_id, created_at)');
  await db.raw('create index tasks_instance_idx on app.tasks (process_instance_key)');

  await db.schema.withSchema('app').createTable('task_comments', (t) => {
    t.bigIncrements('id');
    t.bigInteger('task_id').notNullable().references('id').inTable('app.tasks').onDelete('CASCADE');
    t.bigInteger('case_id').references('id').inTable('app.cases').onDelete('CASCADE');
    t.integer('author_id').notNullable().references('id').inTable('app.users').onDelete('RESTRICT');
    // comment (审批意见) | approval | rejection | return | delegation | assignment
    t.text('kind').notNullable().defaultTo('comment');
    t.text('body').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['task_id', 'at']);
    t.index(['case_id', 'at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('task_comments');
  await db.schema.withSchema('app').dropTable('tasks');
}
