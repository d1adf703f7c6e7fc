import type { Knex } from 'knex';

// Case search (GET /cases?q=, api/repositories/cases-repository.ts), the case lists and the 待办 party filter at a
// million cases and 5 M tasks; see bench/README.md "Case handling (#6)" for the figures and plans.
// pg_trgm cannot serve Chinese text here: the database's LC_CTYPE is C, under which pg_trgm treats every non-ASCII
// character as a separator (show_trgm('张伟') = {}), and a 2-character name (the usual search) has no trigram at all.
// So names and 案由 are searched through their 1- and 2-character grams (the bigram method of pg_bigm):
// app.search_grams(text) is the set of lower-cased 1- and 2-character substrings; `search_grams(col) @>
// search_grams(q)` holds whenever q is a substring of col (case-insensitively), so a GIN index on it finds the
// candidates and `col ilike '%q%'` confirms them.
export async function up(db: Knex): Promise<void> {
  await db.raw(`create function app.search_grams(t text) returns text[] language sql immutable strict parallel safe as $$
    select coalesce(array_agg(distinct substr(s, i, n)), '{}')
      from (select lower(t) as s) x, generate_series(1, 2) n, generate_series(1, char_length(s) - n + 1) i
  $$`);
  await db.raw('create index cases_title_grams_idx on app.cases using gin (app.search_grams(title))');
  await db.raw('create index case_parties_name_grams_idx on app.case_parties using gin (app.search_grams(name))');
  // case refs: a q that starts like a ref (CF2026-…) is matched as a prefix on this btree (text_pattern_ops: whatever
  // the database's collation); other ASCII text as a substring, by trigrams (ASCII, which pg_trgm handles)
  await db.raw('create index cases_case_ref_prefix_idx on app.cases (case_ref text_pattern_ops)');
  await db.raw('create index cases_case_ref_trgm_idx on app.cases using gin (case_ref gin_trgm_ops)');
  // the case list of a supervisor (every body of a subtree) newest first: walked in this order, bodies checked per row
  await db.raw('create index cases_opened_idx on app.cases (opened_at desc, id desc)');
  // a body's cases by case ref (sort=caseRef): the unique index on case_ref alone walks every body's refs before
  await db.raw('create index cases_body_ref_idx on app.cases (body_id, case_ref)');
  // "mine" (officer on the case): the body's cases newest first, each checked index-only against the viewer's rows
  await db.raw('create index case_officers_user_case_idx on app.case_officers (user_id, case_id)');
  // 待办 party filter: the open tasks whose party name holds the text (a few of 170 k open tasks)
  await db.raw("create index tasks_open_party_grams_idx on app.tasks using gin (app.search_grams(party_name)) where state = 'created'");
}

export async function down(db: Knex): Promise<void> {
  for (const name of ['tasks_open_party_grams_idx', 'case_officers_user_case_idx', 'cases_body_ref_idx', 'cases_opened_idx', 'cases_case_ref_trgm_idx', 'cases_case_ref_prefix_idx', 'case_parties_name_grams_idx', 'cases_title_grams_idx']) {
    await db.raw(`drop index if exists app.${name}`);
  }
  await db.raw('drop function if exists app.search_grams(text)');
}
