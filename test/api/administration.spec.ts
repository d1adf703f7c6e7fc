import { expect } from 'chai';
import { useSuiteDatabase } from '../support/suite-database.js';
import { createTestApp, type TestApp } from '../support/api-app.js';
import { verifyAuditChain } from '../../api/services/audit-log.js';

describe('API: administration of organisations, bodies, users, certificates, items and the calendar', () => {
  const ctx = useSuiteDatabase('administration');
  let t: TestApp;
  const orgId = async (name: string): Promise<number> => (await ctx.db('app.organisations').where({ name }).first('id')).id;
  const bodyId = async (name: string): Promise<number> => (await ctx.db('app.enforcement_bodies').where({ name }).first('id')).id;
  const userId = async (username: string): Promise<number> => (await ctx.db('app.users').where({ username }).first('id')).id;

  before(async () => {
    t = await createTestApp(ctx.db, { clock: { now: () => new Date('2026-11-26T02:00:00Z') } });
  });


  describe('organisations', () => {
    it('creates a township under a county with its materialised path, and lists it in the tree', async () => {
      // given
      const admin = await t.signIn('sanyuan-admin');
      const sanyuan = await orgId('三元区');

      // when
      const created = await admin.post('/api/organisations').send({ parentId: sanyuan, name: '莘口镇', level: 'township', code: '350404103' });

      // then
      expect(created.status).to.equal(201);
      expect(created.body).to.include({ name: '莘口镇', level: 'township', parentId: sanyuan });
      expect(created.body).not.to.have.property('path');
      const row = await ctx.db('app.organisations').where({ id: created.body.id }).first();
      expect(row.path).to.match(new RegExp(`/${sanyuan}/${created.body.id}/$`));
      const { body: tree } = await admin.get('/api/organisations/tree');
      expect(tree).to.have.length(1);
      expect(tree[0].name).to.equal('三元区');
      expect(tree[0].children.map((c: { name: string }) => c.name)).to.include('莘口镇');
    });


    it('refuses a level that does not fit under the parent, naming the field', async () => {
      const admin = await t.signIn('city-admin');
      const response = await admin.post('/api/organisations').send({ parentId: await orgId('三元区'), name: '错层级', level: 'county' });
      expect(response.status).to.equal(400);
      expect(response.body.errors[0].path).to.equal('/body/level');
      const under = await admin.post('/api/organisations').send({ parentId: await orgId('列东街道'), name: '第四级', level: 'township' });
      expect(under.status).to.equal(400);
    });


    it('refuses to delete an organisation that still has bodies or users, and deletes an empty one', async () => {
      const admin = await t.signIn('city-admin');
      const busy = await admin.delete(`/api/organisations/${await orgId('列东街道')}`);
      expect(busy.status).to.equal(409);
      expect(busy.body.detail).to.match(/^Expected organisation '\d+' to be empty, but it has 0 child organisations, 1 bodies and \d+ users$/);
      const { body: empty } = await admin.post('/api/organisations').send({ parentId: await orgId('大田县'), name: '临时镇', level: 'township' });
      await admin.delete(`/api/organisations/${empty.id}`).expect(204);
      expect(await ctx.db('app.organisations').where({ id: empty.id }).first()).to.equal(undefined);
    });


    it('renames an organisation', async () => {
      const admin = await t.signIn('city-admin');
      const { body: created } = await admin.post('/api/organisations').send({ parentId: await orgId('尤溪县'), name: '新阳镇', level: 'township' });
      const renamed = await admin.patch(`/api/organisations/${created.id}`).send({ name: '新阳镇（更名）', code: '350426102' });
      expect(renamed.status).to.equal(200);
      expect(renamed.body).to.include({ name: '新阳镇（更名）', code: '350426102' });
    });
  });


  describe('bodies and users', () => {
    it('creates a body and a user attached to it who can sign in with the given password', async () => {
      // given
      const admin = await t.signIn('sanyuan-admin');
      const yanqian = await orgId('岩前镇');

      // when
      const body = await admin.post('/api/bodies').send({ organisationId: yanqian, name: '三元区岩前镇综合执法队', field: 'township_comprehensive', creditCode: '11350404MB0000000X' });
      const user = await admin.post('/api/users').send({ username: 'yanqian-officer', displayName: '岩前执法员', password: 'Pa55word!', roles: ['officer'], organisationId: yanqian, bodyId: body.body.id });

      // then
      expect(body.status).to.equal(201);
      expect(user.status).to.equal(201);
      expect(user.body).to.include({ username: 'yanqian-officer', bodyName: '三元区岩前镇综合执法队', organisationName: '岩前镇', active: true });
      expect(user.body).not.to.have.property('passwordHash');
      const stored = await ctx.db('app.users').where({ username: 'yanqian-officer' }).first('password_hash');
      expect(stored.password_hash).to.match(/^\$argon2id\$/);
      const me = await (await t.signIn('yanqian-officer', 'Pa55word!')).get('/api/auth/me');
      expect(me.body.body.name).to.equal('三元区岩前镇综合执法队');
    });


    it('refuses a body that belongs to another organisation than the user’s', async () => {
      const admin = await t.signIn('city-admin');
      const response = await admin.post('/api/users').send({
        username: 'mismatch', displayName: '错配', password: 'Pa55word!', roles: ['officer'], organisationId: await orgId('列东街道'), bodyId: await bodyId('三明市城市管理局'),
      });
      expect(response.status).to.equal(400);
      expect(response.body.errors[0].path).to.equal('/body/bodyId');
      expect(await ctx.db('app.users').where({ username: 'mismatch' }).first()).to.equal(undefined);
    });


    it('keeps administrators from locking themselves out', async () => {
      const admin = await t.signIn('liedong-admin');
      const response = await admin.patch(`/api/users/${await userId('liedong-admin')}`).send({ roles: ['officer'] });
      expect(response.status).to.equal(403);
    });


    it('filters users by role and searches by name', async () => {
      const supervisor = await t.signIn('city-supervisor');
      const { body } = await supervisor.get('/api/users').query({ role: 'legal_reviewer' });
      expect(body.items.map((u: { username: string }) => u.username)).to.have.members(['city-reviewer', 'sanyuan-reviewer', 'liedong-reviewer']);
      const { body: found } = await supervisor.get('/api/users').query({ q: '列东' });
      expect(found.total).to.be.greaterThan(3);
      expect(found.items.every((u: { displayName: string; username: string }) => u.displayName.includes('列东') || u.username.includes('列东'))).to.equal(true);
    });


    it('pages through a list with the total count', async () => {
      const admin = await t.signIn('city-admin');
      const first = await admin.get('/api/bodies').query({ page: 1, pageSize: 5 });
      const second = await admin.get('/api/bodies').query({ page: 2, pageSize: 5 });
      expect(first.body.items).to.have.length(5);
      expect(first.body.total).to.equal(second.body.total);
      expect(first.body.total).to.be.greaterThan(10);
      const ids = new Set([...first.body.items, ...second.body.items].map((b: { id: number }) => b.id));
      expect(ids.size).to.equal(10);
    });
  });


  describe('certificates', () => {
    it('marks certificates valid or expired on today’s date in China and filters by status', async () => {
      const admin = await t.signIn('city-admin');
      const { body: expired } = await admin.get('/api/certificates').query({ status: 'expired' });
      expect(expired.items.map((c: { number: string }) => c.number)).to.include('35040020210002');
      expect(expired.items.every((c: { valid: boolean }) => !c.valid)).to.equal(true);
      const { body: valid } = await admin.get('/api/certificates').query({ status: 'valid' });
      expect(valid.items.map((c: { number: string }) => c.number)).to.include('35040020240001');
      expect(valid.items.every((c: { valid: boolean }) => c.valid)).to.equal(true);
    });


    it('records a certificate and refuses one whose validity ends before it starts', async () => {
      const admin = await t.signIn('city-admin');
      const holder = await userId('city-head');
      const bad = await admin.post('/api/certificates').send({ userId: holder, number: '35040020269999', field: 'urban_management', issuingAuthority: '三明市人民政府', validFrom: '2026-01-01', validTo: '2025-01-01' });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors[0].path).to.equal('/body/validTo');
      const good = await admin.post('/api/certificates').send({ userId: holder, number: '35040020269999', field: 'urban_management', issuingAuthority: '三明市人民政府', validFrom: '2026-01-01', validTo: '2030-12-31' });
      expect(good.status).to.equal(201);
      expect(good.body).to.include({ valid: true, userName: '王局长（市城管局）' });
      const renewed = await admin.patch(`/api/certificates/${good.body.id}`).send({ validTo: '2026-06-30' });
      expect(renewed.body.valid).to.equal(false);
      await admin.delete(`/api/certificates/${good.body.id}`).expect(204);
    });


    it('shows an officer only their own certificates', async () => {
      const officer = await t.signIn('sanyuan-officer');
      const { body } = await officer.get('/api/certificates');
      expect(body.items.map((c: { number: string }) => c.number)).to.deep.equal(['35040420240011']);
    });
  });


  describe('enforcement items', () => {
    it('shows a township the items delegated to townships by the bodies above it, and not others', async () => {
      // given a township officer of 列东街道 (under 三元区)
      const officer = await t.signIn('liedong-officer');

      // when
      const { body } = await officer.get('/api/enforcement-items').query({ pageSize: 100 });

      // then
      const codes = body.items.map((i: { code: string }) => i.code);
      expect(codes).to.have.members(['350404-CG-CF-001', '350404-CG-QZ-001', '350404001-ZF-JC-001']);
      // 沙县区's delegated item is for 沙县区's townships only; 三元区's undelegated item stays with the district
      expect(codes).not.to.include('350405-CG-CF-001');
      expect(codes).not.to.include('350404-CG-CF-002');
    });


    it('creates, changes and removes an item of a body the administrator administers', async () => {
      const admin = await t.signIn('sanyuan-admin');
      const created = await admin.post('/api/enforcement-items').send({
        code: '350404-ZJ-CF-009', name: '对未取得施工许可证擅自施工的行政处罚', type: 'penalty', legalBasis: '《建筑工程施工许可管理办法》第十二条',
        bodyId: await bodyId('三元区住房和城乡建设局'), validFrom: '2026-01-01',
      });
      expect(created.status).to.equal(201);
      expect(created.body).to.include({ delegatedToTownship: false, validTo: null, bodyName: '三元区住房和城乡建设局' });
      const changed = await admin.patch(`/api/enforcement-items/${created.body.id}`).send({ delegatedToTownship: true, validTo: '2027-12-31' });
      expect(changed.body).to.include({ delegatedToTownship: true, validTo: '2027-12-31' });
      await admin.delete(`/api/enforcement-items/${created.body.id}`).expect(204);
    });
  });


  describe('holiday calendar', () => {
    it('holds the State Council’s 2026 arrangement, with the Spring Festival and its make-up Saturdays', async () => {
      const officer = await t.signIn('liedong-officer');
      const { body } = await officer.get('/api/calendar').query({ year: 2026 });
      const byDate = new Map(body.days.map((d: { date: string }) => [d.date, d]));
      expect(byDate.get('2026-02-17')).to.include({ kind: 'holiday', name: '春节', source: 'official' });
      expect(byDate.get('2026-02-14')).to.include({ kind: 'workday', name: '春节', source: 'official' });
      expect(byDate.get('2026-10-01')).to.include({ kind: 'holiday', name: '国庆节' });
      expect(body.days.every((d: { date: string }) => d.date.startsWith('2026-'))).to.equal(true);
    });


    it('holds 2025 and the statutory days of 2027 pending the State Council’s notice', async () => {
      const officer = await t.signIn('city-officer');
      const y2025 = await officer.get('/api/calendar').query({ year: 2025 });
      expect(y2025.body.days.find((d: { date: string }) => d.date === '2025-01-28')).to.include({ kind: 'holiday', name: '春节' });
      const y2027 = await officer.get('/api/calendar').query({ year: 2027 });
      expect(y2027.body.days.find((d: { date: string }) => d.date === '2027-02-06')).to.include({ kind: 'holiday', name: '春节', source: 'statutory' });
      expect(y2027.body.days.filter((d: { kind: string }) => d.kind === 'holiday')).to.have.length(13);
    });


    it('lets a city administrator add, change and remove a day, and nobody else', async () => {
      const admin = await t.signIn('city-admin');
      const put = await admin.put('/api/calendar/2027-02-20').send({ kind: 'workday', name: '春节调休' });
      expect(put.status).to.equal(200);
      expect(put.body).to.include({ date: '2027-02-20', kind: 'workday', source: 'manual' });
      const county = await t.signIn('sanyuan-admin');
      expect((await county.put('/api/calendar/2027-02-21').send({ kind: 'workday', name: '春节调休' })).status).to.equal(403);
      expect((await county.delete('/api/calendar/2027-02-20')).status).to.equal(403);
      await admin.delete('/api/calendar/2027-02-20').expect(204);
      expect((await admin.delete('/api/calendar/2027-02-20')).status).to.equal(404);
    });
  });


  describe('audit log', () => {
  it('writes every change to the hash-chained audit log, which refuses edits', async () => {
    const entries = await ctx.db('app.audit_log').select('action', 'entity');
    expect(entries.map((e) => `${e.action} ${e.entity}`)).to.include.members(['create organisation', 'create user', 'update calendar_day', 'delete certificate', 'login session']);
    expect(await verifyAuditChain(ctx.db)).to.equal(null);
    let refused: unknown;
    try {
      await ctx.db('app.audit_log').update({ action: 'tampered' });
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.include('append-only');
  });


  it('detects an entry slipped into the chain', async () => {
    // given an insert that bypasses the API
    const [forged] = await ctx.db('app.audit_log')
      .insert({ user_id: null, action: 'delete', entity: 'user', entity_id: '1', detail: {}, prev_hash: 'a'.repeat(64), hash: 'b'.repeat(64) })
      .returning('id');

    // then
    expect(await verifyAuditChain(ctx.db)).to.equal(Number(forged.id));
  });
  });
});
