/**
 * Checks CasesRepository.list with a search text (and "mine") against the plain definition of its semantics — the
 * title or a party's name `ilike '%q%'`, a party's ID number equal to the upper-cased text, the case ref (as a prefix
 * for a text that starts like a ref, else anywhere for ASCII text) — in the scopes of a big, a middle and the smallest
 * body, of the city and of a county, for ~140 texts (fixed ones and substrings of titles, names, ID numbers and refs
 * of the data), with and without "mine", comparing every id in order and the capped total; then "mine" alone (page 2,
 * oldest first) and texts with filters sorted by ref. Exits 1 on a mismatch.
 *
 * Usage (the smoke data set): npx tsx bench/cases/check-search.ts --dir data/bench-cases-smoke --pg-port 55433
 */
import { pino } from 'pino';
import type { Db } from '../../db/connect.js';
import { CasesRepository, TEXT_COUNT_CAP, type CaseFilter } from '../../api/repositories/cases-repository.js';
import { COUNT_CAP, escapeLike, likePattern } from '../../api/repositories/page.js';
import type { AccessScope } from '../../api/services/access-scope.js';
import { openBenchServer } from './bench-database.js';

const say = (message: string) => process.stdout.write(`${message}\n`);
/** A text of 3 or more characters is counted up to TEXT_COUNT_CAP, a shorter one (and "mine") up to COUNT_CAP. */
const capOf = (q: string) => (Array.from(q).length > 2 ? TEXT_COUNT_CAP : COUNT_CAP);

async function ids(db: Db, sql: string, bindings: unknown[]): Promise<string[]> {
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(sql, bindings as never);
  return rows.map((r) => String(r.id));
}

async function texts(db: Db, sql: string): Promise<string[]> {
  const { rows } = await db.raw<{ rows: Array<{ t: string }> }>(sql);
  return rows.map((r) => r.t);
}

async function check(db: Db): Promise<number> {
  const repo = new CasesRepository(db);
  let bad = 0;
  let checks = 0;
  const mismatch = (what: string, expected: string[], got: { items: Array<{ id: number }>; total: number }, cap: number, offset = 0, limit = Infinity) => {
    checks++;
    const gotIds = got.items.map((i) => String(i.id)).join();
    if (gotIds === expected.slice(offset, offset + limit).join() && got.total === Math.min(expected.length, cap)) return;
    bad++;
    if (bad <= 20) say(`MISMATCH ${what}: expected ${expected.length} rows, got ${got.items.length} (total ${got.total})`);
  };
  const bodies = (await db.raw<{ rows: Array<{ id: number; path: string; organisation_id: number }> }>(
    `select b.id, o.path, b.organisation_id from app.enforcement_bodies b join app.organisations o on o.id = b.organisation_id
      order by (select count(*) from app.cases c where c.body_id = b.id) desc, b.id`,
  )).rows;
  const root = (await db.raw<{ rows: Array<{ path: string }> }>('select path from app.organisations order by length(path), id limit 1')).rows[0]!.path;
  const busy = bodies[0]!;
  const scopes: AccessScope[] = [
    ...[busy, bodies[5]!, bodies[bodies.length - 1]!].map((b) => ({ kind: 'body' as const, organisationId: b.organisation_id, path: b.path, bodyId: b.id })),
    { kind: 'subtree', organisationId: 0, path: root },
    { kind: 'subtree', organisationId: 0, path: `${busy.path.split('.').slice(0, -2).join('.')}.` },
  ];
  const qs = new Set<string>(['王', '李', '张伟', '有限公司', '三明市', '占用城市道路', '户外广告', '生活垃圾', '未经', '道路', '城市道', 'a', 'A', 'ab', '%', '_', '王%', 'cf2026', 'CF2026-0', 'x_y', '三明市三元', '公司', '违法', '案', '市城', '城市城市', 'aaa', '王王王', '道路道路道']);
  for (const sql of [
    'select substr(title, 1 + (id % 5)::int, 1 + (id % 6)::int) as t from app.cases order by id limit 40',
    'select substr(name, 1 + (id % 3)::int, 1 + (id % 4)::int) as t from app.case_parties order by id limit 40',
    'select name as t from app.case_parties order by id desc limit 15',
    'select id_number as t from app.case_parties order by id desc limit 10',
    'select case_ref as t from app.cases order by id desc limit 10',
    'select lower(substr(case_ref, 1, 9)) as t from app.cases order by id desc limit 3',
  ]) for (const t of await texts(db, sql)) if (t.trim()) qs.add(t.trim());
  const officers = (await db.raw<{ rows: Array<{ user_id: number }> }>('select user_id from app.case_officers group by user_id order by count(*) desc, user_id limit 3')).rows.map((r) => r.user_id);
  const user = officers[0]!;
  for (const scope of scopes) {
    const where = scope.kind === 'subtree' ? 'o.path like ?' : 'c.body_id = ?';
    const scoped = scope.kind === 'subtree' ? `${scope.path}%` : scope.bodyId;
    const from = 'app.cases c join app.enforcement_bodies b on b.id = c.body_id join app.organisations o on o.id = b.organisation_id';
    for (const q of qs) {
      for (const mine of [false, true]) {
        const pattern = likePattern(q);
        const ref = /^[A-Za-z]{2}\d{4}-/.test(q) ? { sql: 'c.case_ref like ?', b: [`${escapeLike(q.toUpperCase())}%`] } : /^[\x20-\x7e]+$/.test(q) ? { sql: 'c.case_ref ilike ?', b: [pattern] } : { sql: 'false', b: [] };
        const expected = await ids(db,
          `select c.id from ${from} where ${where}
             and (c.title ilike ? or exists (select 1 from app.case_parties p where p.case_id = c.id and (p.name ilike ? or p.id_number = ?)) or ${ref.sql})
             ${mine ? 'and exists (select 1 from app.case_officers co where co.case_id = c.id and co.user_id = ?)' : ''}
           order by c.opened_at desc, c.id desc`,
          [scoped, pattern, pattern, q.toUpperCase(), ...ref.b, ...(mine ? [user] : [])]);
        const filter: CaseFilter = { q, sort: '-openedAt', mine };
        mismatch(`${JSON.stringify(scope)} q=${JSON.stringify(q)} mine=${mine}`, expected, await repo.list(scope, user, filter, { page: 1, pageSize: 100_000 }), capOf(q));
      }
    }
    for (const officer of officers) {
      const expected = await ids(db, `select c.id from ${from} where ${where} and exists (select 1 from app.case_officers co where co.case_id = c.id and co.user_id = ?) order by c.opened_at, c.id`, [scoped, officer]);
      mismatch(`${JSON.stringify(scope)} mine of ${officer}, oldest first, page 2`, expected, await repo.list(scope, officer, { sort: 'openedAt', mine: true }, { page: 2, pageSize: 7 }), COUNT_CAP, 7, 7);
    }
  }
  const busyScope = scopes[0]!;
  for (const q of ['王', '道路', '占用城市道路', '公司']) {
    const pattern = likePattern(q);
    const expected = await ids(db,
      `select c.id from app.cases c where c.body_id = ? and c.status = 'open' and c.opened_at >= '2025-06-01'::timestamp at time zone 'Asia/Shanghai'
         and (c.title ilike ? or exists (select 1 from app.case_parties p where p.case_id = c.id and (p.name ilike ? or p.id_number = ?))) order by c.case_ref`,
      [busy.id, pattern, pattern, q]);
    mismatch(`q=${q}, open, opened since 2025-06-01, by ref`, expected, await repo.list(busyScope, user, { q, sort: 'caseRef', status: 'open', openedFrom: '2025-06-01' }, { page: 1, pageSize: 100_000 }), capOf(q));
  }
  say(`${checks} checks of ${qs.size} texts in ${scopes.length} scopes: ${bad} mismatches`);
  return bad;
}

const server = await openBenchServer(pino({ level: 'warn' }));
const db = server.connect(4);
try {
  if ((await check(db)) > 0) process.exitCode = 1;
} finally {
  await db.destroy();
  await server.stop();
}
