import type { Knex } from 'knex';

// Case search and "mine" lists at a million cases (issue 6 point 9; bench/README.md "Case handling (#6)").
//
// 1. app.case_officers carries its case's body and opening time (both never change after the case is opened), so
//    an officer's cases of a body newest first are one index-only range of case_officers_user_body_opened_idx
//    (count and page), instead of a join of the body's cases with the officer's rows. Filled by a trigger from the
//    case on insert.
// 2. app.case_search: the 1- and 2-character grams (app.search_grams, migration 000027) of each case's title
//    (doc 0) and of each party's name (doc = the party's id), with the case's body and opening time, kept by
//    triggers on app.cases and app.case_parties. A search in a body walks one gram's entries newest first
//    (case_search_walk_idx) and probes the other grams of the text in the same document (case_search_probe_idx).
export async function up(db: Knex): Promise<void> {
  await db.raw(`set local maintenance_work_mem = '1GB'`);

  await db.raw('alter table app.case_officers add column body_id integer, add column opened_at timestamptz');
  await db.raw('update app.case_officers co set body_id = c.body_id, opened_at = c.opened_at from app.cases c where c.id = co.case_id');
  await db.raw('alter table app.case_officers alter column body_id set not null, alter column opened_at set not null');
  await db.raw(`create function app.case_officers_fill() returns trigger language plpgsql as $$
    begin
      select c.body_id, c.opened_at into new.body_id, new.opened_at from app.cases c where c.id = new.case_id;
      return new;
    end $$`);
  await db.raw('create trigger case_officers_fill before insert or update of case_id on app.case_officers for each row execute function app.case_officers_fill()');
  await db.raw('create index case_officers_user_body_opened_idx on app.case_officers (user_id, body_id, opened_at desc, case_id desc)');
  await db.raw('drop index if exists app.case_officers_user_case_idx');

  await db.raw(`create table app.case_search (
    body_id integer not null,
    gram text not null,
    opened_at timestamptz not null,
    case_id bigint not null,
    -- 0: the case's title; otherwise the id of the party whose name it is
    doc bigint not null
  )`);
  await db.raw(`insert into app.case_search (body_id, gram, opened_at, case_id, doc)
    select c.body_id, g, c.opened_at, c.id, 0 from app.cases c, unnest(app.search_grams(c.title)) g
    union all
    select c.body_id, g, c.opened_at, c.id, p.id from app.case_parties p join app.cases c on c.id = p.case_id, unnest(app.search_grams(p.name)) g`);
  await db.raw('create index case_search_walk_idx on app.case_search (body_id, gram, opened_at desc, case_id desc, doc)');
  await db.raw('create unique index case_search_probe_idx on app.case_search (case_id, doc, gram)');
  await db.raw('alter table app.case_search add constraint case_search_case_fk foreign key (case_id) references app.cases (id) on delete cascade');

  // a case's grams follow its title (and, should they ever change, its body and opening time); a party's its name
  await db.raw(`create function app.case_search_case() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if new.body_id is distinct from old.body_id or new.opened_at is distinct from old.opened_at then
          update app.case_search set body_id = new.body_id, opened_at = new.opened_at where case_id = new.id;
          update app.case_officers set body_id = new.body_id, opened_at = new.opened_at where case_id = new.id;
        end if;
        if new.title is not distinct from old.title then return null; end if;
        delete from app.case_search where case_id = new.id and doc = 0;
      end if;
      insert into app.case_search (body_id, gram, opened_at, case_id, doc)
        select new.body_id, g, new.opened_at, new.id, 0 from unnest(app.search_grams(new.title)) g;
      return null;
    end $$`);
  await db.raw('create trigger case_search_case after insert or update of title, body_id, opened_at on app.cases for each row execute function app.case_search_case()');
  await db.raw(`create function app.case_search_party() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        delete from app.case_search where case_id = old.case_id and doc = old.id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into app.case_search (body_id, gram, opened_at, case_id, doc)
          select c.body_id, g, c.opened_at, c.id, new.id from app.cases c, unnest(app.search_grams(new.name)) g where c.id = new.case_id;
      end if;
      return null;
    end $$`);
  await db.raw('create trigger case_search_party after insert or update of name, case_id or delete on app.case_parties for each row execute function app.case_search_party()');

  // the grams GIN indexes of migration 000027 are replaced by the table
  await db.raw('drop index if exists app.cases_title_grams_idx');
  await db.raw('drop index if exists app.case_parties_name_grams_idx');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('create index case_parties_name_grams_idx on app.case_parties using gin (app.search_grams(name))');
  await db.raw('create index cases_title_grams_idx on app.cases using gin (app.search_grams(title))');
  await db.raw('drop trigger case_search_party on app.case_parties');
  await db.raw('drop function app.case_search_party()');
  await db.raw('drop trigger case_search_case on app.cases');
  await db.raw('drop function app.case_search_case()');
  await db.raw('drop table app.case_search');
  await db.raw('create index case_officers_user_case_idx on app.case_officers (user_id, case_id)');
  await db.raw('drop index app.case_officers_user_body_opened_idx');
  await db.raw('drop trigger case_officers_fill on app.case_officers');
  await db.raw('drop function app.case_officers_fill()');
  await db.raw('alter table app.case_officers drop column body_id, drop column opened_at');
}
