/**
 * Query benchmark of case handling (issue 6 point 9): the task lists (待办 mine / groups / unassigned / all with
 * filters, 已办, 我发起的) and the case search, called through the API's own repositories (TasksRepository.list,
 * CasesRepository.list: the SQL the routes run, total count included) as real users of a busy and a small body and as
 * supervisors, against the data of bench/cases/generate.ts. Per query kind: warm-up, then --runs calls (each with the
 * next of a set of sampled parameters), one at a time; p50/p95/p99/max in ms. The SQL of one call per kind is run again
 * under EXPLAIN (ANALYZE, BUFFERS) into bench/results/cases-plans/.
 *
 * Usage: npx tsx bench/cases/run.ts [--runs 200] [--warmup 20] [--budget-seconds 60] [--only todo] [--dir data/bench-cases]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import type { Db } from '../../db/connect.js';
import { migrateLatest } from '../../db/migrate.js';
import { CasesRepository, type CaseFilter } from '../../api/repositories/cases-repository.js';
import { TasksRepository, type TaskFilter, type TaskViewer } from '../../api/repositories/tasks-repository.js';
import { accessScope } from '../../api/services/access-scope.js';
import { groupsOf } from '../../api/services/task-service.js';
import type { AuthUser, Level, Role } from '../../api/roles.js';
import { summarize } from '../engine/stats.js';
import { argNumber, argValue, openBenchServer } from './bench-database.js';

const RUNS = argNumber('runs', 200);
const WARMUP = argNumber('warmup', 20);
const BUDGET_MS = argNumber('budget-seconds', 60) * 1000;
const ONLY = argValue('only');
const PLANS_DIR = path.resolve('bench', 'results', 'cases-plans');
const PAGE_SIZE = 20;

const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const say = (message: string) => process.stdout.write(`${message}\n`);

interface QueryKind {
  name: string;
  /** who asks, in words (for the table) */
  who: string;
  /** one call; `i` picks the parameter of this run */
  call(i: number): Promise<{ total: number; items: number }>;
}

interface Captured {
  sql: string;
  bindings: unknown[];
}

async function authUser(db: Db, username: string): Promise<AuthUser> {
  const row = await db('app.users as u')
    .join('app.organisations as o', 'o.id', 'u.organisation_id')
    .where('u.username', username)
    .first<{ id: number; username: string; display_name: string; roles: Role[]; organisation_id: number; path: string; level: Level; body_id: number | null }>(
      'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.organisation_id', 'o.path', 'o.level', 'u.body_id',
    );
  if (!row) throw new Error(`Expected user '${username}' in the bench database, but it is missing (run bench/cases/generate.ts first)`);
  return { id: row.id, username: row.username, displayName: row.display_name, roles: row.roles, organisationId: row.organisation_id, organisationPath: row.path, organisationLevel: row.level, bodyId: row.body_id };
}

const viewerOf = (user: AuthUser): TaskViewer => ({ userId: user.id, username: user.username, bodyId: user.bodyId, groups: groupsOf(user) });

/** The user of a body and role with the most rows in a column of app.tasks (the busiest 已办 / 待办 list). */
async function busiestUser(db: Db, bodyKey: string, role: Role, column: 'completed_by' | 'assignee_id'): Promise<string> {
  const row = await db.raw(
    `select u.username from app.users u join bench.bodies b on b.body_id = u.body_id
      where b.key = ? and ? = any(u.roles)
      order by (select count(*) from app.tasks t where t.${column} = u.id and t.state = ?) desc, u.id limit 1`,
    [bodyKey, role, column === 'completed_by' ? 'completed' : 'created'],
  );
  return row.rows[0].username as string;
}

async function sample<T>(db: Db, sql: string, bindings: unknown[], map: (row: Record<string, unknown>) => T): Promise<T[]> {
  const { rows } = await db.raw(sql, bindings as never);
  if (rows.length === 0) throw new Error(`Expected sample rows for: ${sql}`);
  return (rows as Array<Record<string, unknown>>).map(map);
}

async function main(): Promise<void> {
  const server = await openBenchServer(log);
  const db = server.connect(4);
  try {
    const applied = await migrateLatest(db);
    if (applied.length > 0) {
      say(`applied migrations ${applied.join(', ')}; analyzing`);
      await db.raw('vacuum (analyze) app.cases, app.case_parties, app.case_officers, app.tasks');
    }
    await runAll(db);
  } finally {
    await db.destroy();
    await server.stop();
  }
}

async function runAll(db: Db): Promise<void> {
  const tasks = new TasksRepository(db);
  const cases = new CasesRepository(db);
  const now = new Date((await db.raw('select max(updated_at) as now from app.cases')).rows[0].now as Date);
  const sizes = (await db.raw(`select (select count(*) from app.cases) as cases, (select count(*) from app.tasks) as tasks,
      (select count(*) from app.tasks where state = 'created') as open_tasks, (select count(*) from app.case_parties) as parties,
      pg_size_pretty(pg_database_size(current_database())) as size, current_setting('server_version') as pg, current_setting('shared_buffers') as shared_buffers`)).rows[0];
  const bodySizes = (await db.raw(`select b.key, count(*) as cases, (select count(*) from app.tasks t where t.body_id = b.body_id and t.state = 'created') as open_tasks
      from app.cases c join bench.bodies b using (body_id) where b.key in ('sanyuan-cg', 'liedong-zf') group by b.key, b.body_id`)).rows;
  say(`data: ${JSON.stringify(sizes)}; bodies: ${JSON.stringify(bodySizes)}; now = ${now.toISOString()}`);

  // users: the demo logins of the busiest body (三元区城管局) and of a small one (列东街道), supervisors of the city and a county
  const busyOfficer = await authUser(db, await busiestUser(db, 'sanyuan-cg', 'officer', 'assignee_id'));
  const busyHead = await authUser(db, 'sanyuan-head');
  const busyDoneOfficer = await authUser(db, await busiestUser(db, 'sanyuan-cg', 'officer', 'completed_by'));
  const busyDoneHead = await authUser(db, await busiestUser(db, 'sanyuan-cg', 'agency_head', 'completed_by'));
  const smallOfficer = await authUser(db, 'liedong-officer');
  const citySupervisor = await authUser(db, 'city-supervisor');
  const countySupervisor = await authUser(db, 'sanyuan-supervisor');
  const busyBody = busyOfficer.bodyId!;
  const starter = await authUser(db, (await db.raw(`select u.username from app.users u where u.body_id = ? and 'officer' = any(u.roles)
      order by (select count(*) from app.cases c where c.opened_by = u.id and c.status = 'open') desc limit 1`, [busyBody])).rows[0].username);

  // parameters sampled from the data, cycled through the runs
  const refs = await sample(db, `select case_ref from app.cases where body_id = ? order by bench.rnd(id, 99) limit 100`, [busyBody], (r) => String(r.case_ref));
  const personNames = await sample(db, `select name from app.case_parties p join app.cases c on c.id = p.case_id where c.body_id = ? and p.type = 'natural-person' order by bench.rnd(p.id, 98) limit 100`, [busyBody], (r) => String(r.name));
  const tradeNames = await sample(db, `select substr(name, 4, 2) as n from app.case_parties where type = 'organisation' and name like '三明市%' and name not like '三明市三元区%' order by bench.rnd(id, 97) limit 100`, [], (r) => String(r.n));
  const idNumbers = await sample(db, `select p.id_number from app.case_parties p join app.cases c on c.id = p.case_id where c.body_id = ? order by bench.rnd(p.id, 96) limit 100`, [busyBody], (r) => String(r.id_number));
  const titleWords = ['占用城市道路', '户外广告', '生活垃圾', '扬尘防治', '无证经营', '门前三包', '乱涂乱画', '占道经营'];
  const surnamesOnly = ['王', '李', '张', '刘', '陈'];
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

  const taskList = (viewer: TaskViewer, filter: Partial<TaskFilter>, page = 1) =>
    tasks.list(viewer, { list: 'todo', scope: 'all', sort: '-createdAt', ...filter }, { page, pageSize: PAGE_SIZE }, now).then((p) => ({ total: p.total, items: p.items.length }));
  const caseList = (user: AuthUser, filter: Partial<CaseFilter>, page = 1) =>
    cases.list(accessScope(user), user.id, { sort: '-openedAt', ...filter }, { page, pageSize: PAGE_SIZE }).then((p) => ({ total: p.total, items: p.items.length }));
  const bo = viewerOf(busyOfficer);
  const bh = viewerOf(busyHead);
  const so = viewerOf(smallOfficer);

  const allKinds: QueryKind[] = [
    { name: 'todo mine', who: 'busy-body officer', call: () => taskList(bo, { scope: 'mine' }) },
    { name: 'todo groups', who: 'busy-body officer', call: () => taskList(bo, { scope: 'groups' }) },
    { name: 'todo unassigned', who: 'busy-body officer', call: () => taskList(bo, { scope: 'unassigned' }) },
    { name: 'todo all', who: 'busy-body officer', call: () => taskList(bo, { scope: 'all' }) },
    { name: 'todo all, head', who: 'busy-body agency head', call: () => taskList(bh, { scope: 'all' }) },
    { name: 'todo all, by due date', who: 'busy-body officer', call: () => taskList(bo, { scope: 'all', sort: 'dueAt' }) },
    { name: 'todo all, overdue', who: 'busy-body officer', call: () => taskList(bo, { scope: 'all', overdue: true, sort: 'dueAt' }) },
    { name: 'todo all, procedure', who: 'busy-body officer', call: () => taskList(bo, { scope: 'all', procedure: 'penalty-ordinary' }) },
    { name: 'todo all, party', who: 'busy-body officer', call: (i) => taskList(bo, { scope: 'all', party: pick(personNames, i).slice(0, 2) }) },
    { name: 'todo all, page 20', who: 'busy-body officer', call: () => taskList(bo, { scope: 'all' }, 20) },
    { name: 'todo all', who: 'small-body officer', call: () => taskList(so, { scope: 'all' }) },
    { name: 'done', who: 'busiest officer (已办)', call: () => taskList(viewerOf(busyDoneOfficer), { list: 'done', sort: '-completedAt' }) },
    { name: 'done', who: 'busiest head (已办)', call: () => taskList(viewerOf(busyDoneHead), { list: 'done', sort: '-completedAt' }) },
    { name: 'done, page 50', who: 'busiest officer (已办)', call: () => taskList(viewerOf(busyDoneOfficer), { list: 'done', sort: '-completedAt' }, 50) },
    { name: 'started', who: 'busy-body officer (我发起的)', call: () => taskList(viewerOf(starter), { list: 'started' }) },
    { name: 'cases: list', who: 'busy-body officer', call: () => caseList(busyOfficer, {}) },
    { name: 'cases: case ref', who: 'busy-body officer', call: (i) => caseList(busyOfficer, { q: pick(refs, i) }) },
    { name: 'cases: party name', who: 'busy-body officer', call: (i) => caseList(busyOfficer, { q: pick(personNames, i) }) },
    { name: 'cases: company name part', who: 'busy-body officer', call: (i) => caseList(busyOfficer, { q: pick(tradeNames, i) }) },
    { name: 'cases: ID number', who: 'busy-body officer', call: (i) => caseList(busyOfficer, { q: pick(idNumbers, i) }) },
    { name: 'cases: title word', who: 'busy-body officer', call: (i) => caseList(busyOfficer, { q: pick(titleWords, i) }) },
    { name: 'cases: surname only', who: 'busy-body officer', call: (i) => caseList(busyOfficer, { q: pick(surnamesOnly, i) }) },
    { name: 'cases: open, opened since', who: 'busy-body officer', call: () => caseList(busyOfficer, { status: 'open', openedFrom: '2026-09-01' }) },
    { name: 'cases: sorted by ref', who: 'busy-body officer', call: () => caseList(busyOfficer, { sort: 'caseRef' }) },
    { name: 'cases: page 100', who: 'busy-body officer', call: () => caseList(busyOfficer, {}, 100) },
    { name: 'cases: mine', who: 'busy-body officer', call: () => caseList(busyOfficer, { mine: true }) },
    { name: 'cases: party name', who: 'small-body officer', call: (i) => caseList(smallOfficer, { q: pick(personNames, i) }) },
    { name: 'cases: list', who: 'city supervisor (all 1 M)', call: () => caseList(citySupervisor, {}) },
    { name: 'cases: party name', who: 'city supervisor (all 1 M)', call: (i) => caseList(citySupervisor, { q: pick(personNames, i) }) },
    { name: 'cases: case ref', who: 'city supervisor (all 1 M)', call: (i) => caseList(citySupervisor, { q: pick(refs, i) }) },
    { name: 'cases: party name', who: 'county supervisor', call: (i) => caseList(countySupervisor, { q: pick(personNames, i) }) },
  ];
  const kinds = allKinds.filter((k) => !ONLY || k.name.includes(ONLY));

  await mkdir(PLANS_DIR, { recursive: true });
  const results: Array<{ kind: string; who: string; total: number; count: number; p50: number; p95: number; p99: number; max: number }> = [];
  for (const kind of kinds) {
    // capture the SQL of one call, then explain it
    const captured: Captured[] = [];
    const listener = (data: { sql: string; bindings: unknown[] }) => captured.push({ sql: data.sql, bindings: data.bindings });
    db.on('query', listener);
    const first = await kind.call(0);
    db.off('query', listener);
    const plans: string[] = [];
    for (const q of captured) {
      // knex reports the SQL with pg's $n placeholders, in order; raw() takes ?
      const { rows } = await db.raw(`explain (analyze, buffers) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as never);
      plans.push(`-- ${q.sql}\n-- bindings: ${JSON.stringify(q.bindings)}\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n`);
    }
    const file = `${kind.name} — ${kind.who}`.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase();
    await writeFile(path.join(PLANS_DIR, `${file}.txt`), plans.join('\n'));

    for (let i = 0; i < WARMUP; i++) await kind.call(i);
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < RUNS && performance.now() - started < BUDGET_MS; i++) {
      const t0 = performance.now();
      await kind.call(i);
      times.push(performance.now() - t0);
    }
    const s = summarize(times);
    const round = (n: number) => Math.round(n * 10) / 10;
    results.push({ kind: kind.name, who: kind.who, total: first.total, count: s.count, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max) });
    say(`${kind.name.padEnd(28)} ${kind.who.padEnd(28)} total ${String(first.total).padStart(7)}  n ${String(s.count).padStart(3)}  p50 ${round(s.p50)}  p95 ${round(s.p95)}  p99 ${round(s.p99)}  max ${round(s.max)}${s.p95 > 50 ? '  ← over 50 ms' : ''}`);
  }
  const report = { at: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`, loadavg: os.loadavg(), data: sizes, bodies: bodySizes, results };
  await writeFile(path.resolve('bench', 'results', 'cases-run.json'), `${JSON.stringify(report, null, 2)}\n`);
  say('\n| Query | As | total | p50 | p95 | p99 | max (ms) |\n|---|---|---:|---:|---:|---:|---:|');
  for (const r of results) say(`| ${r.kind} | ${r.who} | ${r.total} | ${r.p50} | ${r.p95 > 50 ? `**${r.p95}**` : r.p95} | ${r.p99} | ${r.max} |`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
