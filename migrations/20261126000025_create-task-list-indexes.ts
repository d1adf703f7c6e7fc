import type { Knex } from 'knex';

// Indexes of the task lists (api/repositories/tasks-repository.ts), sized for 5 M tasks of which ~3 % are open: the
// 待办 indexes are partial (state = 'created'). Figures and plans: bench/README.md "Case handling (#6)".
// - 待办 of a body (groups / unassigned / all, by creation): tasks_open_body_list_idx walks the body's open tasks in
//   list order, and carries every column the 待办 filters test plus case_id and assignee_id (the list's left joins
//   keep them in the count's target list), so the (capped) count is an index-only scan.
// - 待办 by due date: tasks_open_body_due_idx;  待办 mine: tasks_open_assignee_idx, assigned tasks only — with the
//   unassigned ones in it the planner built "mine or unassigned" from it (90 k rows of all bodies, then a sort).
// - 已办: the list sorts `completed_at desc nulls last` and filters state = 'completed'; tasks_done_idx gives that
//   order and answers the count without the heap.
// - 我发起的: the opener's cases (cases_opened_by_idx) → their open tasks, index-only with assignee_id included.
// - state and assignee_id are far from independent (most open tasks are unassigned, almost every other task has an
//   assignee): without the extended statistics the planner takes "open and unassigned" for 3 k rows instead of 90 k.
// - case ref filter: tasks_case_ref_idx;  reconciliation: open tasks by process instance.
// The 待办 party filter's index (grams of party_name) is in migration 000027, after app.search_grams.
export async function up(db: Knex): Promise<void> {
  await db.raw(`create index tasks_open_body_list_idx on app.tasks (body_id, created_at desc, id desc)
    include (assignee_id, case_id, candidate_groups, candidate_users, due_at, bpmn_process_id, party_name) where state = 'created'`);
  await db.raw("create index tasks_open_body_due_idx on app.tasks (body_id, due_at, id) where state = 'created'");
  await db.raw("create index tasks_open_assignee_idx on app.tasks (assignee_id, created_at desc, id desc) where state = 'created' and assignee_id is not null");
  await db.raw("create index tasks_open_groups_idx on app.tasks using gin (candidate_groups) where state = 'created'");
  await db.raw("create index tasks_open_case_idx on app.tasks (case_id, created_at desc) include (assignee_id) where state = 'created'");
  await db.raw("create index tasks_done_idx on app.tasks (completed_by, completed_at desc nulls last, id desc) include (case_id, assignee_id) where state = 'completed'");
  await db.raw('create index tasks_case_ref_idx on app.tasks (case_ref)');
  await db.raw("create index tasks_open_instance_idx on app.tasks (process_instance_key) where state = 'created'");
  await db.raw('create statistics app.tasks_state_assignee_stats (mcv) on state, assignee_id from app.tasks');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop statistics if exists app.tasks_state_assignee_stats');
  for (const name of ['tasks_open_body_list_idx', 'tasks_open_body_due_idx', 'tasks_open_assignee_idx', 'tasks_open_groups_idx', 'tasks_open_case_idx', 'tasks_done_idx', 'tasks_case_ref_idx', 'tasks_open_instance_idx']) {
    await db.raw(`drop index if exists app.${name}`);
  }
}
