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
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop index if exists app.case_parties_name_grams_idx');
  await db.raw('drop index if exists app.cases_case_ref_trgm_idx');
  await db.raw('drop index if exists app.cases_title_grams_idx');
  await db.raw('drop function if exists app.search_grams(text)');
}
