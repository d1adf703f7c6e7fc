/**
 * Data generator of the case-handling benchmark (issue 6 point 9): the 三明 demo (api/seed/seed-demo.ts) plus
 * --cases cases (default 1,000,000) and about --tasks user tasks (default 5,000,000), made in PostgreSQL with
 * INSERT … SELECT generate_series (no rows cross the wire), secondary indexes built after the load, then VACUUM
 * ANALYZE. Rows are a deterministic function of their ids (hashint8extended), so two runs give the same data.
 *
 * Usage: npx tsx bench/cases/generate.ts [--cases 1000000] [--tasks 5000000] [--dir data/bench-cases]
 * Smoke: npx tsx bench/cases/generate.ts --cases 10000 --tasks 50000 --dir data/bench-cases-smoke
 * BENCH_DATABASE_URL=postgres://… uses that server (database cases_bench, dropped and made again).
 */
import { pino } from 'pino';
import type { Knex } from 'knex';
import { connect, quoteIdent, type Db } from '../../db/connect.js';
import { migrateLatest } from '../../db/migrate.js';
import { seedDemo } from '../../api/seed/seed-demo.js';
import { DEMO_BODIES, DEMO_ORGANISATIONS } from '../../api/seed/demo-data.js';
import { argNumber, BENCH_DATABASE, ensureBenchDatabase, openBenchServer } from './bench-database.js';
import {
  AREA_CODES,
  BUSY_BODIES,
  COMPANY_FORMS,
  COMPANY_PLACES,
  GIVEN_NAME_CHARS,
  PROCEDURE_MIX,
  procedureTasks,
  STREETS,
  SURNAMES,
  TITLES,
  TRADE_NAME_CHARS,
  TRADES,
} from './catalogue.js';

const CASES = argNumber('cases', 1_000_000);
const TASKS = argNumber('tasks', 5_000_000);
const CHUNK = argNumber('chunk', 50_000);
const WORKERS = argNumber('workers', 2);
/** the data's "now": cases are opened from 2024-01-01 up to this moment */
const NOW = new Date(process.env.BENCH_NOW ?? new Date().toISOString());
const LOADED_TABLES = ['cases', 'case_parties', 'case_officers', 'case_search', 'tasks'];

const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const started = Date.now();
const say = (message: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s] ${message}\n`);

async function main(): Promise<void> {
  const server = await openBenchServer(log);
  const admin = connect(server.serverUrl, { max: 1 });
  try {
    await admin.raw(`drop database if exists ${quoteIdent(BENCH_DATABASE)} with (force)`);
  } finally {
    await admin.destroy();
  }
  await ensureBenchDatabase(server);
  const db = server.connect(WORKERS + 1);
  try {
    await migrateLatest(db);
    await seedDemo(db, log);
    say(`schema migrated and demo seeded; generating ${CASES} cases and about ${TASKS} tasks`);
    await generate(db);
  } finally {
    await db.destroy();
    await server.stop();
  }
  say('done');
}

async function generate(db: Db): Promise<void> {
  await prepareHelpers(db);
  const dropped = await dropSecondaryIndexes(db);
  say(`dropped ${dropped.length} secondary indexes for the load`);

  await db.raw('analyze bench.bodies, bench.procedures, bench.procedure_tasks, bench.body_users, bench.settings');
  await loaded(db, 'parties', (trx) => trx.raw(PARTIES_SQL, { cases: CASES }));
  await db.raw('analyze app.case_parties');
  await loaded(db, 'cases', (trx) => trx.raw(CASES_SQL, { cases: CASES, now: NOW.toISOString() }));
  await db.raw(`select setval(pg_get_serial_sequence('app.cases', 'id'), (select max(id) from app.cases))`);
  await db.raw('analyze app.cases');
  await loaded(db, 'case officers', (trx) => trx.raw(OFFICERS_SQL));
  // the search grams (migration 000028) in one statement: the load runs without the triggers that keep them
  await loaded(db, 'case search grams', async (trx) => {
    await trx.raw('truncate app.case_search');
    await trx.raw(SEARCH_SQL);
  });

  const tasksPerCase = Math.max(1, TASKS / Math.max(1, CASES));
  const chunks: Array<[number, number]> = [];
  for (let lo = 1; lo <= CASES; lo += CHUNK) chunks.push([lo, Math.min(CASES, lo + CHUNK - 1)]);
  let next = 0;
  const tasksStarted = Date.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < chunks.length) {
        const [lo, hi] = chunks[next++]!;
        await db.transaction(async (trx) => {
          await trx.raw('set local session_replication_role = replica');
          await trx.raw(TASKS_SQL, { lo, hi, spread: tasksPerCase, now: NOW.toISOString() });
        });
        if (hi === CASES || (hi / CHUNK) % 5 === 0) say(`tasks: cases up to ${hi} done`);
      }
    }),
  );
  say(`tasks loaded in ${((Date.now() - tasksStarted) / 1000).toFixed(0)} s`);

  const rebuildStarted = Date.now();
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (nextIndex < dropped.length) {
        const definition = dropped[nextIndex++]!;
        await db.transaction(async (trx) => {
          await trx.raw(`set local maintenance_work_mem = '1GB'`);
          await trx.raw(definition);
        });
      }
    }),
  );
  say(`rebuilt ${dropped.length} indexes in ${((Date.now() - rebuildStarted) / 1000).toFixed(0)} s`);
  for (const table of [...LOADED_TABLES, 'users']) await db.raw(`vacuum (analyze) app.${table}`);
  say('vacuum analyze done');
  const counts = await db.raw(`
    select (select count(*) from app.cases) as cases, (select count(*) from app.case_parties) as parties,
           (select count(*) from app.case_officers) as officers, (select count(*) from app.tasks) as tasks,
           (select count(*) from app.tasks where state = 'created') as open_tasks,
           (select count(*) from app.users) as users,
           pg_size_pretty(pg_database_size(current_database())) as size`);
  say(`rows: ${JSON.stringify(counts.rows[0])}`);
}

async function loaded(db: Db, what: string, run: (trx: Knex.Transaction) => Promise<unknown>): Promise<void> {
  const t0 = Date.now();
  await db.transaction(async (trx) => {
    // no foreign-key triggers during the load: every reference is made valid by construction
    await trx.raw('set local session_replication_role = replica');
    await trx.raw(`set local work_mem = '1GB'`);
    await run(trx);
  });
  say(`${what} loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Drops the indexes that back no constraint on the loaded tables; returns their definitions to build them again. */
async function dropSecondaryIndexes(db: Db): Promise<string[]> {
  const { rows } = await db.raw<{ rows: Array<{ name: string; definition: string }> }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'app' and t.relname = any(?) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      order by pg_relation_size(i.indrelid) desc`,
    [LOADED_TABLES],
  );
  for (const row of rows) await db.raw(`drop index ${row.name}`);
  return rows.map((row) => row.definition);
}

async function prepareHelpers(db: Db): Promise<void> {
  const bodies = await db('app.enforcement_bodies').select<Array<{ id: number; name: string }>>('id', 'name');
  const orgCode = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o.code]));
  const ranked = [...BUSY_BODIES, ...DEMO_BODIES.map((b) => b.key).filter((k) => !BUSY_BODIES.includes(k))];
  const bodyRows = DEMO_BODIES.map((body) => {
    const rank = ranked.indexOf(body.key) + 1;
    return {
      body_id: bodies.find((b) => b.name === body.name)!.id,
      key: body.key,
      rank,
      weight: 1 / rank,
      code: `${orgCode.get(body.organisation)!}-${body.key.slice(body.key.lastIndexOf('-') + 1).toUpperCase()}`,
    };
  });
  const totalWeight = bodyRows.reduce((sum, b) => sum + b.weight, 0);
  const slots: number[] = [];
  for (const body of bodyRows) for (let i = 0; i < Math.round((body.weight / totalWeight) * 10_000); i++) slots.push(body.body_id);

  await db.raw('drop schema if exists bench cascade');
  await db.raw('create schema bench');
  await db.raw(`create table bench.bodies (body_id int primary key, key text not null, rank int not null, weight float8 not null, code text not null, slots int not null)`);
  await db('bench.bodies').insert(bodyRows.map((b) => ({ ...b, slots: slots.filter((s) => s === b.body_id).length })));
  await db.raw(`create table bench.settings (body_slots int[] not null, surnames text[] not null, given text[] not null, trade_chars text[] not null, trades text[] not null,
      places text[] not null, company_forms text[] not null, areas text[] not null, streets text[] not null,
      penalty_titles text[] not null, inspection_titles text[] not null, coercion_titles text[] not null)`);
  await db('bench.settings').insert({
    body_slots: slots,
    surnames: SURNAMES,
    given: GIVEN_NAME_CHARS,
    trade_chars: TRADE_NAME_CHARS,
    trades: TRADES,
    places: COMPANY_PLACES,
    company_forms: COMPANY_FORMS,
    areas: AREA_CODES,
    streets: STREETS,
    penalty_titles: TITLES.penalty,
    inspection_titles: TITLES.inspection,
    coercion_titles: TITLES.coercion,
  });

  let cumulative = 0;
  const procedures = [];
  const steps = [];
  for (const [index, [kind, procedure, share]] of PROCEDURE_MIX.entries()) {
    const tasks = await procedureTasks(procedure);
    procedures.push({ procedure, kind, n: tasks.length, lo: cumulative, hi: cumulative + share, definition_key: 2251799813685249 + index });
    cumulative += share;
    steps.push(...tasks.map((t) => ({ procedure, seq: t.seq, element_id: t.elementId, name: t.name, form_id: t.formId, role: t.role })));
  }
  await db.raw(`create table bench.procedures (procedure text primary key, kind text not null, n int not null, lo float8 not null, hi float8 not null, definition_key bigint not null)`);
  await db('bench.procedures').insert(procedures);
  await db.raw(`create table bench.procedure_tasks (procedure text not null, seq int not null, element_id text not null, name text not null, form_id text, role text not null, primary key (procedure, seq))`);
  await db('bench.procedure_tasks').insert(steps);

  // deterministic "random" numbers in [0, 1) from an id and a salt
  await db.raw(`create function bench.rnd(x bigint, salt bigint) returns float8 language sql immutable parallel safe
    as $$ select (hashint8extended(x, salt) & 281474976710655)::float8 / 281474976710656.0 $$`);
  await db.raw(`create function bench.pick(a anyarray, r float8) returns anyelement language sql immutable parallel safe
    as $$ select a[1 + floor(r * array_length(a, 1))::int] $$`);
  // GB 11643 check character of a resident ID number
  await db.raw(`create function bench.resident_id(p text) returns text language sql immutable parallel safe as $$
    select p || substr('10X98765432', (select sum(substr(p, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])::int
                                        from generate_series(1, 17) i) % 11 + 1, 1) $$`);
  // GB 32100 unified social credit code: '91' + area + organisation code (GB 11714, with its check character) + check
  await db.raw(`create function bench.credit_code(area text, org8 text) returns text language sql immutable parallel safe as $$
    with org as (
      select org8 || (array['0','1','2','3','4','5','6','7','8','9','X'])[
               (11 - (select sum(substr(org8, i, 1)::int * (array[3,7,9,10,5,8,4,2])[i])::int from generate_series(1, 8) i) % 11) % 11 + 1
             ] as code
    ), body as (select '91' || area || org.code as b from org)
    select b || substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
             (31 - (select sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(b, i, 1)) - 1)
                               * (array[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i])::int from generate_series(1, 17) i) % 31) % 31 + 1, 1)
    from body $$`);

  // users: the demo's, plus enough officers, reviewers and heads for each body's share of the cases
  const hash = (await db('app.users').first('password_hash'))!.password_hash as string;
  await db.raw(
    `insert into app.users (username, display_name, password_hash, roles, organisation_id, body_id)
     select 'bench-' || b.key || '-' || r.role || '-' || n,
            bench.pick(s.surnames, bench.rnd(b.body_id * 1000 + n, hashtext(r.role))) || bench.pick(s.given, bench.rnd(b.body_id * 1000 + n, 7 + hashtext(r.role))),
            :hash, array[r.role], e.organisation_id, b.body_id
       from bench.bodies b join app.enforcement_bodies e on e.id = b.body_id cross join bench.settings s
       cross join (values ('officer', 80), ('legal_reviewer', 6), ('agency_head', 2)) as r(role, per_weight)
       cross join lateral generate_series(1, greatest(case when r.role = 'officer' then 3 else 1 end, round(r.per_weight * b.weight)::int)) n`,
    { hash },
  );
  await db.raw(`create table bench.body_users as
    select body_id, role, array_agg(id order by id) as ids from (
      select u.body_id, u.id, case when 'officer' = any(u.roles) then 'officer' when 'legal_reviewer' = any(u.roles) then 'reviewer'
                                  when 'agency_head' = any(u.roles) then 'head' end as role
        from app.users u where u.body_id is not null and u.active) x
    where role is not null group by body_id, role`);
  await db.raw('alter table bench.body_users add primary key (body_id, role)');
  const users = await db.raw(`select count(*) as n from app.users`);
  say(`helpers ready: ${bodyRows.length} bodies (busiest: ${BUSY_BODIES.slice(0, 3).join(', ')}), ${users.rows[0].n} users, ${steps.length} user tasks in ${procedures.length} procedures`);
}

// 1–2 parties per case (20 % two); 60 % natural persons (2 % with a passport), 40 % organisations with a credit code
const PARTIES_SQL = `
insert into app.case_parties (case_id, position, type, name, id_type, id_number, legal_representative, address, phone, electronic_service)
select c, p,
       case when person then 'natural-person' else 'organisation' end,
       case when person then person_name
            else bench.pick(s.places, bench.rnd(k, 5)) || bench.pick(s.trade_chars, bench.rnd(k, 6)) || bench.pick(s.trade_chars, bench.rnd(k, 7))
                 || bench.pick(s.trades, bench.rnd(k, 8)) || bench.pick(s.company_forms, bench.rnd(k, 9)) end,
       case when not person then 'credit-code' when bench.rnd(k, 10) < 0.02 then 'passport' else 'resident-id' end,
       case when not person then bench.credit_code(bench.pick(s.areas, bench.rnd(k, 11)), lpad(floor(bench.rnd(k, 12) * 100000000)::text, 8, '0'))
            when bench.rnd(k, 10) < 0.02 then 'E' || lpad(floor(bench.rnd(k, 13) * 100000000)::text, 8, '0')
            else bench.resident_id(bench.pick(s.areas, bench.rnd(k, 11)) || to_char(date '1950-01-01' + floor(bench.rnd(k, 14) * 19700)::int, 'YYYYMMDD')
                                   || lpad(floor(bench.rnd(k, 15) * 1000)::text, 3, '0')) end,
       case when person then null else person_name end,
       '福建省三明市' || bench.pick(s.streets, bench.rnd(k, 16)) || (1 + floor(bench.rnd(k, 17) * 300))::int || '号',
       '1' || (array['3','5','8'])[1 + floor(bench.rnd(k, 18) * 3)::int] || lpad(floor(bench.rnd(k, 19) * 1000000000)::text, 9, '0'),
       case when bench.rnd(k, 20) < 0.3 then jsonb_build_object('consented', true, 'confirmationSigned', true, 'address', '1390000' || lpad((k % 10000)::text, 4, '0') || '@sms') else '{}'::jsonb end
  from generate_series(1, :cases::int) c
  cross join lateral generate_series(0, case when bench.rnd(c, 1) < 0.2 then 1 else 0 end) p
  cross join lateral (select c::bigint * 2 + p as k) kk
  cross join bench.settings s
  cross join lateral (select bench.rnd(k, 2) < 0.6 as person,
                             bench.pick(s.surnames, bench.rnd(k, 3)) || bench.pick(s.given, bench.rnd(k, 4))
                             || case when bench.rnd(k, 21) < 0.7 then bench.pick(s.given, bench.rnd(k, 22)) else '' end as person_name) pp`;

// cases: bodies by weight, opened uniformly over 2024-01-01 … now; recent cases mostly open, old ones closed
const CASES_SQL = `
insert into app.cases (id, case_ref, kind, procedure, process_instance_key, process_definition_key, body_id, field, title, facts, amounts,
                       status, current_step, current_step_name, party_name, opened_by, opened_at, closed_at, updated_at)
select x.id,
       -- the repository's format: <CF|JC|QZ><year>-<body id, 3 digits>-<number in the year, 4 digits or more>
       (case pr.kind when 'penalty' then 'CF' when 'inspection' then 'JC' else 'QZ' end) || extract(year from x.opened_at)::int || '-' || lpad(x.body_id::text, 3, '0') || '-'
         || to_char(row_number() over w, case when row_number() over w < 10000 then 'FM0000' else 'FM99999999' end),
       pr.kind, pr.procedure, 2251799813685248 + x.id * 4096, pr.definition_key, x.body_id, e.field,
       case pr.kind when 'penalty' then p.name || bench.pick(s.penalty_titles, bench.rnd(x.id, 16))
                    when 'inspection' then '对' || p.name || '的' || bench.pick(s.inspection_titles, bench.rnd(x.id, 16))
                    else bench.pick(s.coercion_titles, bench.rnd(x.id, 16)) || '（' || p.name || '）' end,
       '经查，当事人' || p.name || '于' || to_char(x.opened_at - interval '3 days', 'YYYY年MM月DD日') || '在' || p.address || '附近实施违法行为，执法人员现场检查时发现并制作了现场笔录。',
       case when pr.kind = 'penalty' then jsonb_build_object('fine', (1 + floor(bench.rnd(x.id, 17) * 200)) * 100, 'illegalGains', floor(bench.rnd(x.id, 18) * 5000)) else '{}'::jsonb end,
       x.status,
       case when x.status in ('open', 'suspended') then pt.element_id end,
       case when x.status in ('open', 'suspended') then pt.name end,
       p.name,
       bench.pick(bu.ids, bench.rnd(x.id, 19)),
       x.opened_at,
       case when x.status not in ('open', 'suspended') then least(:now::timestamptz, x.opened_at + (10 + bench.rnd(x.id, 20) * 110) * interval '1 day') end,
       case when x.status not in ('open', 'suspended') then least(:now::timestamptz, x.opened_at + (10 + bench.rnd(x.id, 20) * 110) * interval '1 day') else :now::timestamptz end
  from (select g::bigint as id, body_id, opened_at, procedure,
               case when r_open < p_open then (case when bench.rnd(g, 14) < 0.03 then 'suspended' else 'open' end)
                    when bench.rnd(g, 15) < 0.9 then 'closed' when bench.rnd(g, 15) < 0.96 then 'terminated' else 'transferred' end as status
          from (select g, bench.pick(s.body_slots, bench.rnd(g, 10)) as body_id,
                       timestamptz '2024-01-01 08:00+08' + bench.rnd(g, 11) * (:now::timestamptz - timestamptz '2024-01-01 08:00+08') as opened_at,
                       (select procedure from bench.procedures where bench.rnd(g, 12) >= lo order by lo desc limit 1) as procedure,
                       bench.rnd(g, 13) as r_open
                  from generate_series(1, :cases::int) g cross join bench.settings s) y
          cross join lateral (select case when :now::timestamptz - opened_at < interval '60 days' then 0.85
                                          when :now::timestamptz - opened_at < interval '365 days' then 0.25 else 0.02 end as p_open) po) x
  join bench.bodies b on b.body_id = x.body_id
  join app.enforcement_bodies e on e.id = x.body_id
  join bench.procedures pr on pr.procedure = x.procedure
  join app.case_parties p on p.case_id = x.id and p.position = 0
  join bench.body_users bu on bu.body_id = x.body_id and bu.role = 'officer'
  join bench.procedure_tasks pt on pt.procedure = x.procedure and pt.seq = 1 + (floor(bench.rnd(x.id, 30) * 9)::int % pr.n)
  cross join bench.settings s
window w as (partition by x.body_id, pr.kind, extract(year from x.opened_at) order by x.opened_at, x.id)`;

// 主办 and 协办: two distinct officers of the body
const OFFICERS_SQL = `
insert into app.case_officers (case_id, user_id, role, body_id, opened_at)
select c.id, bu.ids[1 + i], 'lead', c.body_id, c.opened_at from app.cases c join bench.body_users bu on bu.body_id = c.body_id and bu.role = 'officer'
  cross join lateral (select floor(bench.rnd(c.id, 40) * array_length(bu.ids, 1))::int as i) ii
union all
select c.id, bu.ids[1 + (i + 1 + floor(bench.rnd(c.id, 41) * (array_length(bu.ids, 1) - 1))::int) % array_length(bu.ids, 1)], 'assistant', c.body_id, c.opened_at
  from app.cases c join bench.body_users bu on bu.body_id = c.body_id and bu.role = 'officer'
  cross join lateral (select floor(bench.rnd(c.id, 40) * array_length(bu.ids, 1))::int as i) ii`;

// the 1–2-character grams of every title (doc 0) and party name (doc = party id), as the triggers of migration 000028
const SEARCH_SQL = `
insert into app.case_search (body_id, gram, opened_at, case_id, doc)
select c.body_id, g, c.opened_at, c.id, 0 from app.cases c, unnest(app.search_grams(c.title)) g
union all
select c.body_id, g, c.opened_at, c.id, p.id from app.case_parties p join app.cases c on c.id = p.case_id, unnest(app.search_grams(p.name)) g`;

// tasks: 1 … 2·spread−1 per case (mean ≈ tasks/cases) along the procedure's user tasks. The case's open task (the
// one at current_step) is the last; 30 % of open cases have a second one open. Closed cases: all completed (the last
// canceled when the case was terminated or transferred). 70 % have a due date 3–15 days after creation.
const TASKS_SQL = `
insert into app.tasks (job_key, process_instance_key, process_definition_key, element_instance_key, bpmn_process_id, element_id, name, form_id,
                       case_id, case_ref, party_name, body_id, candidate_groups, assignee_id, due_at, state, outcome, variables,
                       created_at, claimed_at, completed_at, completed_by)
select 2251799813685248 + c.id * 4096 + 64 + k * 2, c.process_instance_key, c.process_definition_key, 2251799813685248 + c.id * 4096 + 65 + k * 2,
       c.procedure, pt.element_id, pt.name, pt.form_id,
       c.id, c.case_ref, c.party_name, c.body_id, array[c.body_id || ':' || pt.role],
       case when st.state = 'created' and bench.rnd(j, 2) >= 0.45 then null else bench.pick(bu.ids, bench.rnd(j, 3)) end,
       case when bench.rnd(j, 4) < 0.7 then ct.created_at + (3 + floor(bench.rnd(j, 5) * 13)) * interval '1 day' end,
       st.state,
       case when st.state <> 'completed' then null when pt.role = 'officer' then 'completed'
            when bench.rnd(j, 6) < 0.9 then 'approved' when bench.rnd(j, 6) < 0.95 then 'rejected' else 'returned' end,
       jsonb_build_object('caseId', c.case_ref, 'bodyId', c.body_id, 'field', c.field, 'caseCause', c.title,
                          'party', jsonb_build_object('name', c.party_name)),
       ct.created_at,
       case when st.state = 'created' and bench.rnd(j, 2) >= 0.45 then null else ct.created_at + bench.rnd(j, 7) * interval '4 hours' end,
       case when st.state = 'completed' then ct.created_at + (0.1 + bench.rnd(j, 8) * 0.9) * ct.step end,
       case when st.state = 'completed' then bench.pick(bu.ids, bench.rnd(j, 3)) end
  from app.cases c
  join bench.procedures pr on pr.procedure = c.procedure
  cross join lateral (select 1 + floor(bench.rnd(c.id, 30) * (2 * :spread::float8 - 1))::int as n) nt
  cross join lateral generate_series(1, nt.n) k
  cross join lateral (select c.id * 64 + k as j) jj
  join bench.procedure_tasks pt on pt.procedure = c.procedure
       and pt.seq = case when k = nt.n and c.current_step is not null then (select seq from bench.procedure_tasks where procedure = c.procedure and element_id = c.current_step)
                         else 1 + ((k - 1) % pr.n) end
  join bench.body_users bu on bu.body_id = c.body_id and bu.role = pt.role
  cross join lateral (select (coalesce(c.closed_at, :now::timestamptz) - c.opened_at) / nt.n as step) sp
  cross join lateral (select c.opened_at + sp.step * (k - 1) as created_at, sp.step) ct
  cross join lateral (select case when c.status in ('open', 'suspended') and (k = nt.n or (k = nt.n - 1 and bench.rnd(c.id, 31) < 0.3)) then 'created'
                                  when c.status in ('terminated', 'transferred') and k = nt.n then 'canceled'
                                  else 'completed' end as state) st
 where c.id between :lo and :hi`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
