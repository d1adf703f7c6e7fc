/**
 * Every role at every level against every endpoint: what is allowed works, what is not is refused (401/403/404 with
 * no data), and no list leaks a record from outside the caller's scope. The expectations are written here, apart
 * from the code under test, and the suite fails if the API grows an endpoint this table does not cover.
 */
import { expect } from 'chai';
import type supertest from 'supertest';
import { useSuiteDatabase } from '../support/suite-database.js';
import { createTestApp, type TestApp } from '../support/api-app.js';
import type { Role } from '../../api/roles.js';

type Level = 'city' | 'county' | 'township';
const ROLES: Role[] = ['officer', 'legal_reviewer', 'agency_head', 'supervisor', 'process_designer', 'administrator'];
const LEVEL_PREFIX: Record<Level, string> = { city: 'city', county: 'sanyuan', township: 'liedong' };
const USERNAME: Record<Role, string> = {
  officer: 'officer', legal_reviewer: 'reviewer', agency_head: 'head', supervisor: 'supervisor', process_designer: 'designer', administrator: 'admin',
};
const SUBTREE_ROLES: Role[] = ['administrator', 'supervisor', 'process_designer'];
const USER_READERS: Role[] = ['administrator', 'supervisor', 'agency_head', 'legal_reviewer'];
const CERTIFICATE_OVERSEERS: Role[] = ['administrator', 'supervisor', 'agency_head', 'legal_reviewer'];

/** Every operation of the API, as the expectations below know it. */
const COVERED = [
  'GET /api/health', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me',
  'GET /api/organisations', 'GET /api/organisations/tree', 'POST /api/organisations', 'PATCH /api/organisations/{id}', 'DELETE /api/organisations/{id}',
  'GET /api/bodies', 'POST /api/bodies', 'PATCH /api/bodies/{id}', 'DELETE /api/bodies/{id}',
  'GET /api/users', 'POST /api/users', 'PATCH /api/users/{id}',
  'GET /api/certificates', 'POST /api/certificates', 'PATCH /api/certificates/{id}', 'DELETE /api/certificates/{id}',
  'GET /api/enforcement-items', 'POST /api/enforcement-items', 'PATCH /api/enforcement-items/{id}', 'DELETE /api/enforcement-items/{id}',
  'GET /api/calendar', 'PUT /api/calendar/{date}', 'DELETE /api/calendar/{date}',
  // case files (evidence, documents, service): their access is tested in test/api/evidence.spec.ts and documents.spec.ts
  'POST /api/cases/{id}/evidence', 'GET /api/cases/{id}/evidence', 'GET /api/evidence/{id}/content', 'POST /api/cases/{id}/evidence/verify',
  'GET /api/cases/{id}/documents', 'GET /api/documents/{id}/content', 'GET /api/cases/{id}/service-records',
  // cases: access tested in test/api/cases.spec.ts
  'GET /api/cases', 'POST /api/cases', 'GET /api/cases/{id}', 'PATCH /api/cases/{id}', 'GET /api/cases/{id}/timeline', 'GET /api/cases/{id}/deadlines',
  'GET /api/cases/{id}/diagram', 'POST /api/cases/{id}/events', 'GET /api/cases/officer-options',
  // tasks and forms: access tested in test/api/tasks.spec.ts
  'GET /api/tasks', 'GET /api/tasks/{id}', 'POST /api/tasks/{id}/claim', 'POST /api/tasks/{id}/unclaim', 'POST /api/tasks/{id}/assign',
  'POST /api/tasks/{id}/delegate', 'GET /api/tasks/{id}/assignees', 'POST /api/tasks/{id}/comments', 'POST /api/tasks/{id}/complete',
  'POST /api/tasks/{id}/approve', 'POST /api/tasks/{id}/reject', 'POST /api/tasks/{id}/return', 'GET /api/forms/{formId}',
];

interface Caller {
  role: Role;
  level: Level;
  username: string;
  id: number;
  organisationId: number;
  organisationPath: string;
  bodyId: number | null;
}

describe('API: access matrix — every role × level × endpoint', () => {
  const ctx = useSuiteDatabase('access_matrix');
  let t: TestApp;
  const callers: Caller[] = [];
  const ids = {} as Record<string, number>;

  /** Organisation ids a caller may see: the subtree, or their own organisation for body-scoped roles. */
  async function visibleOrganisations(c: Caller): Promise<Set<number>> {
    if (SUBTREE_ROLES.includes(c.role)) {
      const rows = await ctx.db('app.organisations').where('path', 'like', `${c.organisationPath}%`).select('id');
      return new Set(rows.map((r) => r.id as number));
    }
    return new Set([c.organisationId]);
  }

  async function fetchAll(agent: supertest.Agent, path: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let page = 1; ; page += 1) {
      const response = await agent.get(path).query({ page, pageSize: 100 });
      expect(response.status, `${path} page ${page}`).to.equal(200);
      items.push(...response.body.items);
      if (items.length >= response.body.total) return items;
    }
  }

  function expectNoData(response: supertest.Response, secrets: string[]): void {
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(Object.keys(response.body)).to.satisfy((keys: string[]) => keys.every((k) => ['type', 'title', 'status', 'detail', 'instance', 'errors'].includes(k)));
    for (const secret of secrets) expect(JSON.stringify(response.body)).not.to.include(secret);
  }

  before(async function () {
    this.timeout(60_000);
    t = await createTestApp(ctx.db);
    for (const level of ['city', 'county', 'township'] as Level[]) {
      for (const role of ROLES) {
        const username = `${LEVEL_PREFIX[level]}-${USERNAME[role]}`;
        const row = await ctx.db('app.users as u').join('app.organisations as o', 'o.id', 'u.organisation_id').where('u.username', username).first('u.id', 'u.organisation_id', 'u.body_id', 'o.path');
        callers.push({ role, level, username, id: row.id, organisationId: row.organisation_id, organisationPath: row.path, bodyId: row.body_id });
      }
    }
    const orgs = await ctx.db('app.organisations').select('id', 'name');
    for (const o of orgs) ids[`org:${o.name}`] = o.id;
    const bodies = await ctx.db('app.enforcement_bodies').select('id', 'name');
    for (const b of bodies) ids[`body:${b.name}`] = b.id;
    const users = await ctx.db('app.users').select('id', 'username');
    for (const u of users) ids[`user:${u.username}`] = u.id;
    const certs = await ctx.db('app.certificates').select('id', 'number');
    for (const c of certs) ids[`cert:${c.number}`] = c.id;
    const items = await ctx.db('app.enforcement_items').select('id', 'code');
    for (const i of items) ids[`item:${i.code}`] = i.id;
  });


  it('covers every operation the API describes', async () => {
    const { body } = await t.anonymous().get('/api/docs/openapi.json');
    const operations = Object.entries(body.paths as Record<string, object>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).to.have.members(COVERED);
  });


  it('refuses every non-public operation without a session (401)', async () => {
    const requests: Array<[string, string]> = COVERED.filter((op) => !['GET /api/health', 'POST /api/auth/login'].includes(op)).map((op) => {
      const [method, path] = op.split(' ') as [string, string];
      return [method.toLowerCase(), path.replace('{id}', '1').replace('{date}', '2026-01-01').replace('{formId}', 'approve')];
    });
    for (const [method, path] of requests) {
      const agent = t.anonymous() as unknown as Record<string, (p: string) => supertest.Test>;
      const response = await agent[method]!(path).send(method === 'get' || method === 'delete' ? undefined : {});
      expect(response.status, `${method} ${path}`).to.equal(401);
      expectNoData(response, []);
    }
  });


  for (const level of ['city', 'county', 'township'] as Level[]) {
    for (const role of ROLES) {
      describe(`${role} at ${level} level`, () => {
        const caller = (): Caller => callers.find((c) => c.role === role && c.level === level)!;
        let agent: supertest.Agent;

        before(async () => {
          agent = await t.signIn(caller().username);
        });


        it('sees exactly the organisations and bodies of their scope', async () => {
          const c = caller();
          const allowed = await visibleOrganisations(c);
          const orgs = await fetchAll(agent, '/api/organisations');
          expect(new Set(orgs.map((o) => o.id as number))).to.deep.equal(allowed);
          const tree = (await agent.get('/api/organisations/tree').expect(200)).body as Array<{ id: number; children: unknown[] }>;
          const flat: number[] = [];
          const walk = (nodes: Array<{ id: number; children: unknown[] }>) => nodes.forEach((n) => { flat.push(n.id); walk(n.children as typeof nodes); });
          walk(tree);
          expect(new Set(flat)).to.deep.equal(allowed);

          const bodies = await fetchAll(agent, '/api/bodies');
          const expectedBodies = SUBTREE_ROLES.includes(role)
            ? (await ctx.db('app.enforcement_bodies').whereIn('organisation_id', [...allowed]).select('id')).map((r) => r.id as number)
            : c.bodyId === null ? [] : [c.bodyId];
          expect(bodies.map((b) => b.id)).to.have.members(expectedBodies);
        });


        it(USER_READERS.includes(role) ? 'lists exactly the users of their scope' : 'is refused the user list (403)', async () => {
          const c = caller();
          if (!USER_READERS.includes(role)) {
            const response = await agent.get('/api/users');
            expect(response.status).to.equal(403);
            expectNoData(response, ['username']);
            return;
          }
          const users = await fetchAll(agent, '/api/users');
          const query = ctx.db('app.users').select('id');
          if (SUBTREE_ROLES.includes(role)) query.whereIn('organisation_id', [...(await visibleOrganisations(c))]);
          else query.where('body_id', c.bodyId ?? -1);
          expect(users.map((u) => u.id)).to.have.members((await query).map((r) => r.id as number));
          expect(users.length).to.be.greaterThan(0);
        });


        it('sees exactly the certificates they may see', async () => {
          const c = caller();
          const certificates = await fetchAll(agent, '/api/certificates');
          const query = ctx.db('app.certificates as x').join('app.users as u', 'u.id', 'x.user_id').select('x.id');
          if (!CERTIFICATE_OVERSEERS.includes(role)) query.where('x.user_id', c.id);
          else if (SUBTREE_ROLES.includes(role)) query.whereIn('u.organisation_id', [...(await visibleOrganisations(c))]);
          else query.where('u.body_id', c.bodyId ?? -1);
          expect(certificates.map((x) => x.id)).to.have.members((await query).map((r) => r.id as number));
          if (role === 'officer') expect(certificates.length).to.equal(1);
        });


        it('sees exactly the enforcement items of their scope, with township delegations', async () => {
          const c = caller();
          const items = await fetchAll(agent, '/api/enforcement-items');
          const query = ctx.db('app.enforcement_items as i').join('app.enforcement_bodies as b', 'b.id', 'i.body_id').join('app.organisations as o', 'o.id', 'b.organisation_id').select('i.id');
          if (SUBTREE_ROLES.includes(role)) query.where('o.path', 'like', `${c.organisationPath}%`);
          else query.where((w) => {
            w.where('i.body_id', c.bodyId ?? -1);
            if (level === 'township') w.orWhere((d) => d.where('i.delegated_to_township', true).whereRaw(`? like o.path || '%'`, [c.organisationPath]));
          });
          expect(items.map((i) => i.id)).to.have.members((await query).map((r) => r.id as number));
        });


        it('reads its own profile and the shared calendar', async () => {
          const me = await agent.get('/api/auth/me').expect(200);
          expect(me.body.username).to.equal(caller().username);
          const calendar = await agent.get('/api/calendar').query({ year: 2026 }).expect(200);
          expect(calendar.body.days.length).to.be.greaterThan(20);
        });


        if (role !== 'administrator') {
          it('is refused every administrative write (403), and nothing changes', async () => {
            const before = await snapshot(ctx.db);
            const writes: Array<[string, string, object | undefined]> = [
              ['post', '/api/organisations', { parentId: ids['org:三元区'], name: '越权镇', level: 'township' }],
              ['patch', `/api/organisations/${caller().organisationId}`, { name: '越权改名' }],
              ['delete', `/api/organisations/${ids['org:城关街道']}`, undefined],
              ['post', '/api/bodies', { organisationId: caller().organisationId, name: '越权主体', field: 'urban_management' }],
              ['patch', `/api/bodies/${ids['body:三元区城市管理局']}`, { name: '越权改名' }],
              ['delete', `/api/bodies/${ids['body:大田县司法局']}`, undefined],
              ['post', '/api/users', { username: 'sneaky', displayName: '越权', password: 'Pa55word!', roles: ['administrator'], organisationId: caller().organisationId }],
              ['patch', `/api/users/${caller().id}`, { roles: ['administrator'] }],
              ['post', '/api/certificates', { userId: caller().id, number: '99999999', field: 'urban_management', issuingAuthority: '越权', validFrom: '2026-01-01', validTo: '2030-01-01' }],
              ['patch', `/api/certificates/${ids['cert:35040420240011']}`, { validTo: '2099-12-31' }],
              ['delete', `/api/certificates/${ids['cert:35040020240001']}`, undefined],
              ['post', '/api/enforcement-items', { code: 'X-1', name: '越权', type: 'penalty', legalBasis: '无', bodyId: ids['body:三元区城市管理局'], validFrom: '2026-01-01' }],
              ['patch', `/api/enforcement-items/${ids['item:350404-CG-CF-001']}`, { name: '越权' }],
              ['delete', `/api/enforcement-items/${ids['item:350400-CG-CF-001']}`, undefined],
              ['put', '/api/calendar/2026-03-02', { kind: 'holiday', name: '越权' }],
              ['delete', '/api/calendar/2026-10-01', undefined],
            ];
            for (const [method, path, body] of writes) {
              const request = (agent as unknown as Record<string, (p: string) => supertest.Test>)[method]!(path);
              const response = body === undefined ? await request : await request.send(body);
              expect(response.status, `${method} ${path}`).to.equal(403);
              expectNoData(response, ['password_hash']);
            }
            expect(await snapshot(ctx.db)).to.equal(before);
          });
        }
      });
    }
  }


  describe('administrators write within their subtree only', () => {
    const foreign = () => ({
      org: ids['org:凤岗街道']!, body: ids['body:沙县区城市管理局']!, user: ids['user:shaxian-officer']!, cert: ids['cert:35040520240021']!, item: ids['item:350405-CG-CF-001']!,
    });
    const secrets = ['凤岗街道', '沙县区城市管理局', 'shaxian-officer', '35040520240021', '350405-CG-CF-001'];

    for (const admin of ['sanyuan-admin', 'liedong-admin']) {
      it(`${admin} gets 404 with no data for every record of another county`, async () => {
        const agent = await t.signIn(admin);
        const before = await snapshot(ctx.db);
        const f = foreign();
        const attempts: Array<[string, string, object | undefined]> = [
          ['post', '/api/organisations', { parentId: ids['org:沙县区'], name: '越界镇', level: 'township' }],
          ['patch', `/api/organisations/${f.org}`, { name: '越界' }],
          ['delete', `/api/organisations/${f.org}`, undefined],
          ['post', '/api/bodies', { organisationId: f.org, name: '越界主体', field: 'urban_management' }],
          ['patch', `/api/bodies/${f.body}`, { name: '越界' }],
          ['delete', `/api/bodies/${f.body}`, undefined],
          ['post', '/api/users', { username: 'crossing', displayName: '越界', password: 'Pa55word!', roles: ['officer'], organisationId: f.org }],
          ['patch', `/api/users/${f.user}`, { active: false }],
          ['post', '/api/certificates', { userId: f.user, number: '88888888', field: 'urban_management', issuingAuthority: '越界', validFrom: '2026-01-01', validTo: '2030-01-01' }],
          ['patch', `/api/certificates/${f.cert}`, { validTo: '2099-12-31' }],
          ['delete', `/api/certificates/${f.cert}`, undefined],
          ['post', '/api/enforcement-items', { code: 'X-2', name: '越界', type: 'penalty', legalBasis: '无', bodyId: f.body, validFrom: '2026-01-01' }],
          ['patch', `/api/enforcement-items/${f.item}`, { name: '越界' }],
          ['delete', `/api/enforcement-items/${f.item}`, undefined],
        ];
        for (const [method, path, body] of attempts) {
          const request = (agent as unknown as Record<string, (p: string) => supertest.Test>)[method]!(path);
          const response = body === undefined ? await request : await request.send(body);
          expect(response.status, `${admin} ${method} ${path}`).to.equal(404);
          expectNoData(response, secrets);
        }
        expect(await snapshot(ctx.db)).to.equal(before);
      });
    }


    it('a county administrator cannot reach the city level above it (404), nor a township one the county', async () => {
      const county = await t.signIn('sanyuan-admin');
      expect((await county.patch(`/api/organisations/${ids['org:三明市']}`).send({ name: '越级' })).status).to.equal(404);
      expect((await county.patch(`/api/users/${ids['user:city-officer']}`).send({ displayName: '越级' })).status).to.equal(404);
      const township = await t.signIn('liedong-admin');
      expect((await township.patch(`/api/bodies/${ids['body:三元区城市管理局']}`).send({ name: '越级' })).status).to.equal(404);
      expect((await township.patch(`/api/users/${ids['user:sanyuan-officer']}`).send({ displayName: '越级' })).status).to.equal(404);
    });


    for (const [admin, org, body, user, cert, item] of [
      ['city-admin', '大田县', '三明市城市管理局', 'city-officer', '35040020240001', '350400-CG-CF-001'],
      ['sanyuan-admin', '三元区', '三元区城市管理局', 'sanyuan-officer', '35040420240011', '350404-CG-CF-002'],
      ['liedong-admin', '列东街道', '三元区列东街道办事处', 'liedong-officer', '35040400124031', '350404001-ZF-JC-001'],
    ] as const) {
      it(`${admin} changes records in its own subtree`, async () => {
        const agent = await t.signIn(admin);
        await agent.patch(`/api/organisations/${ids[`org:${org}`]}`).send({ code: '350000' }).expect(200);
        await agent.patch(`/api/bodies/${ids[`body:${body}`]}`).send({ creditCode: '11350400MB0000001Y' }).expect(200);
        await agent.patch(`/api/users/${ids[`user:${user}`]}`).send({ displayName: '改名后' }).expect(200);
        await agent.patch(`/api/certificates/${ids[`cert:${cert}`]}`).send({ issuingAuthority: '福建省人民政府' }).expect(200);
        await agent.patch(`/api/enforcement-items/${ids[`item:${item}`]}`).send({ legalBasis: '依据已更新' }).expect(200);
        const created = await agent.post('/api/bodies').send({ organisationId: ids[`org:${org}`], name: `${admin}临时主体`, field: 'emergency_management' }).expect(201);
        await agent.delete(`/api/bodies/${created.body.id}`).expect(204);
      });
    }
  });
});

/** A fingerprint of every administrative table, to prove a refused request changed nothing. */
async function snapshot(db: import('../../db/connect.js').Db): Promise<string> {
  const tables = ['organisations', 'enforcement_bodies', 'users', 'certificates', 'enforcement_items', 'calendar_days'];
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await db.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from app.${table} t`);
    parts.push(`${table}:${rows[0].h}`);
  }
  return parts.join(' ');
}
