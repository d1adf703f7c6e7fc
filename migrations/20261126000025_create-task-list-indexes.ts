import type { Knex } from 'knex';

// Indexes of the task lists (api/repositories/tasks-repository.ts), sized for millions of tasks: open tasks are few
// beside completed ones, so the 待办 indexes are partial (state = 'created').
// - 待办 mine: assignee, newest first;  groups/unassigned/all: the body's open tasks by creation or due date, with the
//   candidate groups checked on the (few) rows of the body; a GIN index answers "groups overlap" on its own
// - 已办: the completer's tasks by completion time;  我发起的: the opener's cases (cases_opened_by_idx) → their open
//   tasks;  case filters: case ref;  party: trigram search on party_name (pg_trgm is created with app.cases)
// - reconciliation: open tasks by process instance
export async function up(db: Knex): Promise<void> {
  await db.raw("create index tasks_open_assignee_idx on app.tasks (assignee_id, created_at desc, id desc) where state = 'created'");
  await db.raw("create index tasks_open_body_created_idx on app.tasks (body_id, created_at desc, id desc) where state = 'created'");
  await db.raw("create index tasks_open_body_due_idx on app.tasks (body_id, due_at, id) where state = 'created'");
  await db.raw("create index tasks_open_groups_idx on app.tasks using gin (candidate_groups) where state = 'created'");
  await db.raw("create index tasks_open_case_idx on app.tasks (case_id, created_at desc) where state = 'created'");
  await db.raw("create index tasks_completed_by_idx on app.tasks (completed_by, completed_at desc, id desc) where completed_by is not null");
  await db.raw('create index tasks_case_ref_idx on app.tasks (case_ref)');
  await db.raw('create index tasks_party_trgm_idx on app.tasks using gin (party_name gin_trgm_ops)');
  await db.raw("create index tasks_open_instance_idx on app.tasks (process_instance_key) where state = 'created'");
}

export async function down(db: Knex): Promise<void> {
  for (const name of ['tasks_open_assignee_idx', 'tasks_open_body_created_idx', 'tasks_open_body_due_idx', 'tasks_open_groups_idx', 'tasks_open_case_idx', 'tasks_completed_by_idx', 'tasks_case_ref_idx', 'tasks_party_trgm_idx', 'tasks_open_instance_idx']) {
    await db.raw(`drop index if exists app.${name}`);
  }
}
