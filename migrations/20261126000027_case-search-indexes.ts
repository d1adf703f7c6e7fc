import type { Knex } from 'knex';

// Case search (GET /cases?q=, api/repositories/cases-repository.ts) at a million cases; see bench/README.md "Case
// handling (#6)" for the figures and plans.
// pg_trgm cannot serve Chinese text here: the database's LC_CTYPE is C, under which pg_trgm treats every non-ASCII
// character as a separator (show_trgm('张伟') = {}), and a 2-character name (the usual search) has no trigram at all.
// So names and 案由 are searched through their 1- and 2-character grams (the bigram method of pg_bigm):
// app.search_grams(text) is the set of lower-cased 1- and 2-character substrings; `search_grams(col) @>
// search_grams(q)` holds whenever q is a substring of col (case-insensitively), so a GIN index on it finds the
// candidates and `col ilike '%q%'` confirms them. Case refs are ASCII, which pg_trgm handles.
export async function up(db: Knex): Promise<void> {
  await db.raw(`create function app.search_grams(t text) returns text[] language sql immutable strict parallel safe as $$
    select coalesce(array_agg(distinct substr(s, i, n)), '{}')
      from (select lower(t) as s) x, generate_series(1, 2) n, generate_series(1, char_length(s) - n + 1) i
  $$`);
  await db.raw('create index cases_title_grams_idx on app.cases using gin (app.search_grams(title))');
  await db.raw('create index cases_case_ref_trgm_idx on app.cases using gin (case_ref gin_trgm_ops)');
  await db.raw('create index case_parties_name_grams_idx on app.case_parties using gin (app.search_grams(name))');
  // Task lists (api/repositories/tasks-repository.ts) at 5 M tasks, beside migration 000025's indexes:
  // - 待办 of a body: every list also counts its rows, which read the heap once per open task of the body (40 k in
  //   the busiest body: ~0.5 s). This partial index carries every column the 待办 filters test, and case_id and
  //   assignee_id (the list's left joins need them even when the count drops the joins), so the count and the
  //   filters run as an index-only scan (~16 ms); it supersedes 000025's tasks_open_body_created_idx.
  // - 已办: the list sorts `completed_at desc nulls last` and filters state = 'completed'; 000025's
  //   tasks_completed_by_idx (completed_at desc = nulls first; predicate completed_by is not null) can neither give
  //   that order nor answer the count without the heap (a head with 160 k done tasks: ~1 s). This one does both.
  // - state and assignee_id are far from independent (most open tasks are unassigned, almost every other task has
  //   an assignee): without these statistics the planner takes "open and unassigned" for 3 k rows instead of 90 k
  //   and scans them all for page 1 instead of walking the body's open tasks in list order.
  await db.raw(`create index tasks_open_body_list_idx on app.tasks (body_id, created_at desc, id desc)
    include (assignee_id, case_id, candidate_groups, candidate_users, due_at, bpmn_process_id, party_name) where state = 'created'`);
  await db.raw(`create index tasks_done_idx on app.tasks (completed_by, completed_at desc nulls last, id desc) include (case_id, assignee_id) where state = 'completed'`);
  await db.raw('create statistics app.tasks_state_assignee_stats (mcv) on state, assignee_id from app.tasks');
  // - 000025's pg_trgm index on tasks.party_name finds no trigram in a Chinese name (see above), so for `party_name
  //   ilike '%曾志%'` it returns every task (800 k rows, ~0.9 s) while the planner trusts it to be selective. Without
  //   it the party filter runs on the body's open tasks through tasks_open_body_list_idx (party_name is included).
  await db.raw('drop index if exists app.tasks_party_trgm_idx');
  // - 000025's tasks_open_assignee_idx also answers `assignee_id is null`, and the planner, which cannot see that most
  //   open tasks are unassigned when it costs that index, builds "mine or unassigned" from it (90 k rows of all
  //   bodies, then a sort: ~0.4 s for page 20 of 待办). Kept for what it is for, 待办 mine, with assignee_id not null.
  await db.raw('drop index if exists app.tasks_open_assignee_idx');
  await db.raw(`create index tasks_open_assignee_idx on app.tasks (assignee_id, created_at desc, id desc) where state = 'created' and assignee_id is not null`);
  // - 我发起的 counts the open tasks of the viewer's cases; with assignee_id (the list's left join) in 000025's
  //   tasks_open_case_idx the count is an index-only nested loop (~10 ms for 3 k cases) instead of a scan of every
  //   open task through tasks_open_body_list_idx (~65–130 ms).
  await db.raw('drop index if exists app.tasks_open_case_idx');
  await db.raw(`create index tasks_open_case_idx on app.tasks (case_id, created_at desc) include (assignee_id) where state = 'created'`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop index if exists app.tasks_open_case_idx');
  await db.raw(`create index tasks_open_case_idx on app.tasks (case_id, created_at desc) where state = 'created'`);
  await db.raw('drop index if exists app.tasks_open_assignee_idx');
  await db.raw(`create index tasks_open_assignee_idx on app.tasks (assignee_id, created_at desc, id desc) where state = 'created'`);
  await db.raw('create index if not exists tasks_party_trgm_idx on app.tasks using gin (party_name gin_trgm_ops)');
  await db.raw('drop statistics if exists app.tasks_state_assignee_stats');
  await db.raw('drop index if exists app.tasks_done_idx');
  await db.raw('drop index if exists app.tasks_open_body_list_idx');
  await db.raw('drop index if exists app.case_parties_name_grams_idx');
  await db.raw('drop index if exists app.cases_case_ref_trgm_idx');
  await db.raw('drop index if exists app.cases_title_grams_idx');
  await db.raw('drop function if exists app.search_grams(text)');
}
