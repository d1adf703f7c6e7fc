/**
 * 案件 (docs/case-handling.md "Cases") against the real engine: opening a case starts its procedure (the first user
 * task reaches app.tasks), the lists and the case answer by scope, the timeline joins the engine's records with the
 * platform's events, the diagram shows where the case stands, deadlines come with the working days left, party events
 * become BPMN messages, the status follows the procedure — and every validation error and denial is checked.
 */
import { expect } from 'chai';
import { createApp } from '../../api/app.js';
import { chinaDate, computeDeadline, createHolidayCalendar, remainingWorkingDays, type CalendarDayRow } from '../../legal/calendar.js';
import { chinaIso } from '../../api/services/case-service.js';
import { CasesRepository } from '../../api/repositories/cases-repository.js';
import { fetchPage } from '../../api/repositories/page.js';
import { waitUntil } from '../engine/support/engine-harness.js';
import { DEMO_PASSWORD } from '../../api/seed/demo-data.js';
import { testLogger } from '../support/logger.js';
import { useCasePlatform } from '../support/case-platform.js';
import supertest from 'supertest';

// ---- real-shaped identity numbers, check characters computed here independently of legal/identity.ts ----

function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * (3 ** i % 31), 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

const COMPANY_CODE = creditCode('91350404MA8RK7Q30');
const PERSON_ID = residentId('35040419850312401');

describe('cases API (案件)', function () {
  this.timeout(120_000);
  const platform = useCasePlatform('cases');
  const db = () => platform.h.database.db;
  let sanyuan: number;
  let liedong: number;
  const ids: Record<string, number> = {};
  let roadItem: number;
  let liedongInspectionItem: number;
  let shaxianItem: number;
  let sanyuanCoercionItem: number;
  let cityItem: number;
  let today: string;
  let year: string;
  let receivedAt: string;
  let filedAt: string;

  const company = (overrides: Record<string, unknown> = {}) => ({
    type: 'organisation', name: '三明市列东餐饮管理有限公司', idType: 'credit-code', idNumber: COMPANY_CODE, legalRepresentative: '王某某',
    address: '福建省三明市三元区列东街道新市北路88号', phone: '0598-8000000', ...overrides,
  });

  async function itemId(code: string): Promise<number> {
    return Number((await db()('app.enforcement_items').where({ code }).first('id')).id);
  }

  before(async () => {
    // the clock runs from the real time (a session cookie set at a pinned past instant would already have expired)
    today = chinaDate(platform.clock.now());
    year = today.slice(0, 4);
    receivedAt = chinaIso(platform.clock.now());
    sanyuan = await platform.bodyId('三元区城市管理局');
    liedong = await platform.bodyId('列东街道办事处');
    for (const login of ['sanyuan-officer', 'sanyuan-officer2', 'liedong-officer', 'liedong-officer2', 'city-officer', 'city-officer2', 'shaxian-officer', 'sanyuan-reviewer']) ids[login] = await platform.userId(login);
    roadItem = await itemId('350404-CG-CF-001');
    liedongInspectionItem = await itemId('350404001-ZF-JC-001');
    shaxianItem = await itemId('350405-CG-CF-001');
    sanyuanCoercionItem = await itemId('350404-CG-QZ-001');
    cityItem = await itemId('350400-CG-CF-001');
  });

  const penaltyRequest = (overrides: Record<string, unknown> = {}) => ({
    kind: 'penalty',
    procedure: 'penalty-ordinary',
    title: '擅自占用城市道路',
    facts: '店外人行道摆放桌椅12套经营',
    amounts: { involved: 0 },
    itemIds: [roadItem],
    parties: [company()],
    officerIds: [ids['sanyuan-officer'], ids['sanyuan-officer2']],
    variables: { clue: { source: 'complaint', receivedAt, summary: '群众投诉：店外占用人行道摆放桌椅经营' } },
    ...overrides,
  });

  const inspectionRequest = () => ({
    kind: 'inspection',
    procedure: 'inspection',
    field: 'urban_management',
    title: '门前三包责任落实情况检查',
    itemIds: [liedongInspectionItem],
    parties: [company({ name: '三明市列东某某便利店', legalRepresentative: undefined, phone: undefined })].map(({ legalRepresentative: _l, phone: _p, ...p }) => p),
    officerIds: [ids['liedong-officer'], ids['liedong-officer2']],
    variables: { inspection: { type: 'routine', items: '门前三包责任落实情况', source: '2026年度行政检查计划（双随机抽取）', randomDraw: true, legalBasis: '《福建省城市市容和环境卫生管理办法》第十条' } },
  });

  async function open(login: string, request: Record<string, unknown>) {
    const res = await (await platform.signIn(login)).post('/api/cases').send(request);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: number; caseRef: string; processInstanceKey: string; status: string };
  }

  let penalty: { id: number; caseRef: string; processInstanceKey: string };
  let inspection: { id: number; caseRef: string; processInstanceKey: string };

  describe('POST /cases', () => {
    it('opens a penalty case: numbered per body and year, stored with parties, officers and items, its procedure started with the documented start variables', async () => {
      // given / when
      const res = await (await platform.signIn('sanyuan-officer')).post('/api/cases').send(penaltyRequest());

      // then
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      penalty = res.body;
      expect(res.body).to.include({ kind: 'penalty', procedure: 'penalty-ordinary', title: '擅自占用城市道路', partyName: '三明市列东餐饮管理有限公司', bodyId: sanyuan, bodyName: '三元区城市管理局', field: 'urban_management', status: 'open', closedAt: null });
      expect(res.body.caseRef).to.equal(`CF${year}-${String(sanyuan).padStart(3, '0')}-0001`);
      expect(res.body.processInstanceKey).to.match(/^\d+$/);
      expect(res.body.parties).to.deep.equal([{ type: 'organisation', name: '三明市列东餐饮管理有限公司', idType: 'credit-code', idNumber: COMPANY_CODE, legalRepresentative: '王某某', address: '福建省三明市三元区列东街道新市北路88号', phone: '0598-8000000', electronicService: { consented: false, confirmationSigned: false } }]);
      expect(res.body.officers).to.deep.equal([
        { userId: ids['sanyuan-officer'], displayName: '赵执法（三元区城管局）', role: 'lead' },
        { userId: ids['sanyuan-officer2'], displayName: '孙执法（三元区城管局）', role: 'assistant' },
      ]);
      expect(res.body.items).to.deep.equal([{ id: roadItem, code: '350404-CG-CF-001', name: '对随意倾倒、抛撒或者堆放生活垃圾的行政处罚' }]);
      expect(res.body.openedBy).to.deep.equal({ id: ids['sanyuan-officer'], displayName: '赵执法（三元区城管局）' });
      expect(res.body).to.not.have.any.keys('organisationPath', 'officerIds', 'processDefinitionKey');

      // and the first user task of the procedure reaches app.tasks, linked to the case
      const task = await platform.taskRow('verify-clue', penalty.caseRef);
      expect(Number(task.case_id)).to.equal(penalty.id);
      expect(String(task.process_instance_key)).to.equal(penalty.processInstanceKey);
      const variables = task.variables as Record<string, unknown>;
      expect(variables).to.deep.include({
        caseId: penalty.caseRef, bodyId: sanyuan, bodyName: '三元区城市管理局', field: 'urban-management', caseCause: '擅自占用城市道路', agencyEnforcementPower: false,
        remedies: { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' },
        clue: { source: 'complaint', receivedAt, summary: '群众投诉：店外占用人行道摆放桌椅经营' },
      });
      expect(variables.party).to.deep.equal({ type: 'organisation', name: '三明市列东餐饮管理有限公司', address: '福建省三明市三元区列东街道新市北路88号', idNumber: COMPANY_CODE, creditCode: COMPANY_CODE, legalRepresentative: '王某某', phone: '0598-8000000', electronicService: { consented: false, confirmationSigned: false } });
      expect(variables.availableOfficers).to.deep.equal([{ label: '赵执法（三元区城管局）', value: 'sanyuan-officer' }, { label: '孙执法（三元区城管局）', value: 'sanyuan-officer2' }]);

      // and the opening is recorded as a case event and in the audit log
      const events = await db()('app.case_events').where({ case_id: penalty.id }).select('type', 'actor_id');
      expect(events).to.deep.equal([{ type: 'opened', actor_id: ids['sanyuan-officer'] }]);
      const audit = await db()('app.audit_log').where({ entity: 'case', entity_id: String(penalty.id), action: 'open' }).first('user_id', 'detail');
      expect(audit).to.deep.include({ user_id: ids['sanyuan-officer'] });
      expect(audit.detail).to.include({ caseRef: penalty.caseRef, procedure: 'penalty-ordinary', processInstanceKey: penalty.processInstanceKey });
    });


    it('opens an inspection case of a township with a natural person, and numbers the next case of the body in sequence', async () => {
      // when: a township body (乡镇综合执法) inspects in the field of the power delegated to it
      inspection = await open('liedong-officer', inspectionRequest());

      // then
      expect(inspection.caseRef).to.equal(`JC${year}-${String(liedong).padStart(3, '0')}-0001`);
      const task = await platform.taskRow('plan-inspection', inspection.caseRef);
      expect(Number(task.case_id)).to.equal(inspection.id);
      expect(task.variables as Record<string, unknown>).to.deep.include({ field: 'urban-management', bodyName: '三元区列东街道办事处', remedies: { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' } });
      expect((task.variables as { inspection: unknown }).inspection).to.deep.include({ type: 'routine', randomDraw: true });

      // when: a second penalty case, against a natural person, by the agency head
      const second = await open('sanyuan-head', penaltyRequest({ parties: [{ type: 'natural-person', name: '李某某', idType: 'resident-id', idNumber: PERSON_ID, address: '三明市三元区城关街道' }] }));
      expect(second.caseRef).to.equal(`CF${year}-${String(sanyuan).padStart(3, '0')}-0002`);
      await platform.taskRow('verify-clue', second.caseRef);
    });


    it('numbers past 9999 by value, not as text: …-9999, then …-10000 and …-10001', async () => {
      // given: the 9999th penalty case of 列东 this year (the repository directly: the numbering is its transaction)
      const repository = new CasesRepository(db());
      const prefix = `CF${year}-${String(liedong).padStart(3, '0')}-`;
      const [row] = await db()('app.cases')
        .insert({ case_ref: `${prefix}9999`, kind: 'penalty', procedure: 'penalty-ordinary', body_id: liedong, field: 'urban_management', title: '第9999件', opened_by: ids['liedong-officer'] })
        .returning('id');
      const opened: number[] = [Number(row.id)];
      try {
        const input = {
          kind: 'penalty' as const, procedure: 'penalty-ordinary', bodyId: liedong, field: 'urban_management' as const, title: '第10000件', facts: '', amounts: {},
          parties: [{ type: 'natural-person' as const, name: '李某某', idType: 'resident-id' as const, idNumber: PERSON_ID, legalRepresentative: null, address: null, phone: null, electronicService: {} }],
          officerIds: [ids['liedong-officer']!, ids['liedong-officer2']!], itemIds: [], openedBy: ids['liedong-officer']!, openedAt: platform.clock.now(),
        };

        // when
        const tenThousandth = await repository.create(input, year);
        opened.push(tenThousandth.id);
        const next = await repository.create({ ...input, title: '第10001件' }, year);
        opened.push(next.id);

        // then
        expect(tenThousandth.caseRef).to.equal(`${prefix}10000`);
        expect(next.caseRef).to.equal(`${prefix}10001`);
      } finally {
        await db()('app.cases').whereIn('id', opened).del();
      }
    });

    it('refuses an invalid resident ID number and an invalid credit code at the path of the number, with the reason', async () => {
      const officer = await platform.signIn('sanyuan-officer');
      const badId = PERSON_ID.slice(0, 17) + (PERSON_ID[17] === '0' ? '1' : '0');
      const res = await officer.post('/api/cases').send(
        penaltyRequest({
          parties: [
            company(),
            { type: 'natural-person', name: '李某某', idType: 'resident-id', idNumber: badId },
            company({ idNumber: COMPANY_CODE.slice(0, 17) + (COMPANY_CODE[17] === '0' ? '1' : '0') }),
            { type: 'natural-person', name: '张某', idType: 'resident-id', idNumber: residentId('35040420270101001') },
            company({ idNumber: 'IIIIIIIIIIIIIIIIII' }),
          ],
        }),
      );
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      const byPath = Object.fromEntries((res.body.errors as Array<{ path: string; message: string; keyword: string }>).map((e) => [e.path, e]));
      expect(Object.keys(byPath)).to.deep.equal(['/body/parties/1/idNumber', '/body/parties/2/idNumber', '/body/parties/3/idNumber', '/body/parties/4/idNumber']);
      expect(byPath['/body/parties/1/idNumber']!.message).to.match(/^is not a valid resident ID number \(GB 11643\): Expected the check digit/);
      expect(byPath['/body/parties/1/idNumber']!.keyword).to.equal('resident-id:check-digit');
      expect(byPath['/body/parties/2/idNumber']!.keyword).to.equal('credit-code:check-digit');
      expect(byPath['/body/parties/3/idNumber']!.keyword, 'born after today').to.equal('resident-id:birth-date');
      expect(byPath['/body/parties/4/idNumber']!.message).to.match(/other than I, O, Z, S, V/);
      // and nothing was stored
      expect(Number((await db()('app.cases').count({ n: '*' }).first())!.n)).to.equal(3);
    });


    it('refuses a party whose document does not fit its type', async () => {
      const res = await (await platform.signIn('sanyuan-officer')).post('/api/cases').send(penaltyRequest({ parties: [{ type: 'natural-person', name: '李某', idType: 'credit-code', idNumber: COMPANY_CODE }] }));
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(['/body/parties/0/idType']);
    });


    it('refuses one officer, unknown fields and a missing title by the schema', async () => {
      const res = await (await platform.signIn('sanyuan-officer')).post('/api/cases').send({ ...penaltyRequest({ officerIds: [ids['sanyuan-officer']], title: undefined }), extra: 1 });
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).to.include.members(['/body/officerIds', '/body/title', '/body/extra']);
      expect(res.body.errors.find((e: { path: string }) => e.path === '/body/officerIds').keyword).to.equal('minItems');
    });


    it('refuses an officer without a 执法证 valid today and an officer of another body', async () => {
      // city-officer2's certificate ran out on 2025-12-31
      const cityOfficer = await platform.signIn('city-officer');
      const expired = await cityOfficer.post('/api/cases').send(penaltyRequest({ itemIds: [cityItem], officerIds: [ids['city-officer'], ids['city-officer2']], variables: { remedies: { litigationCourt: '三明市三元区人民法院' } } }));
      expect(expired.status).to.equal(400);
      expect(expired.body.errors).to.have.length(1);
      expect(expired.body.errors[0]).to.include({ path: '/body/officerIds/1', keyword: 'certificate' });
      expect(expired.body.errors[0].message).to.include(`valid on ${today}, but certificate 35040020210002 is valid 2021-01-01–2025-12-31`);

      const other = await (await platform.signIn('sanyuan-officer')).post('/api/cases').send(penaltyRequest({ officerIds: [ids['sanyuan-officer'], ids['shaxian-officer'], ids['sanyuan-reviewer']] }));
      expect(other.status).to.equal(400);
      expect(other.body.errors.map((e: { path: string; keyword: string }) => `${e.path} ${e.keyword}`)).to.deep.equal(['/body/officerIds/1 body', '/body/officerIds/2 role']);
    });


    it('refuses an item of another body, an item of another kind and a procedure of another kind', async () => {
      const officer = await platform.signIn('sanyuan-officer');
      const res = await officer.post('/api/cases').send(penaltyRequest({ itemIds: [shaxianItem, sanyuanCoercionItem, 999999] }));
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { path: string; keyword: string }) => `${e.path} ${e.keyword}`)).to.deep.equal(['/body/itemIds/0 body', '/body/itemIds/1 kind', '/body/itemIds/2 exists']);
      const procedure = await officer.post('/api/cases').send(penaltyRequest({ procedure: 'inspection' }));
      expect(procedure.status).to.equal(400);
      expect(procedure.body.errors.map((e: { path: string }) => e.path)).to.include('/body/procedure');
    });


    it('asks a city-level body for its court, and validates the request variables’ remedies path', async () => {
      const res = await (await platform.signIn('city-officer')).post('/api/cases').send(penaltyRequest({ itemIds: [cityItem], officerIds: [ids['city-officer'], ids['city-officer2']], variables: {} }));
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).to.include('/body/variables/remedies/litigationCourt');
    });


    it('denies roles that may not open cases (403), another body (403) and anonymous callers (401)', async () => {
      for (const login of ['sanyuan-reviewer', 'sanyuan-supervisor', 'sanyuan-admin', 'sanyuan-designer']) {
        const res = await (await platform.signIn(login)).post('/api/cases').send(penaltyRequest());
        expect(res.status, login).to.equal(403);
      }
      const otherBody = await (await platform.signIn('shaxian-officer')).post('/api/cases').send(penaltyRequest({ bodyId: sanyuan }));
      expect(otherBody.status).to.equal(403);
      expect(otherBody.body.detail).to.match(/own enforcement body/);
      expect((await platform.anonymous().post('/api/cases').send(penaltyRequest())).status).to.equal(401);
    });


    it('answers 503 when the API runs without the engine, and stores nothing', async () => {
      const app = createApp({ db: db(), log: testLogger(), clock: platform.clock, sessionTtlHours: 12, secureCookies: false, webDist: null, zeebe: null });
      const agent = supertest.agent(app);
      await agent.post('/api/auth/login').send({ username: 'sanyuan-officer', password: DEMO_PASSWORD }).expect(200);
      const before = Number((await db()('app.cases').count({ n: '*' }).first())!.n);
      const res = await agent.post('/api/cases').send(penaltyRequest());
      expect(res.status).to.equal(503);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body.detail).to.match(/without a gateway client/);
      expect(Number((await db()('app.cases').count({ n: '*' }).first())!.n)).to.equal(before);
    });
  });

  describe('GET /cases/officer-options', () => {
    it('gives an officer the active officers of their body with whether each holds a 执法证 valid today for the field', async () => {
      // when
      const res = await (await platform.signIn('sanyuan-officer')).get('/api/cases/officer-options');

      // then
      expect(res.status).to.equal(200);
      const byName = new Map((res.body as Array<{ id: number; username: string; displayName: string; certificateValid: boolean }>).map((o) => [o.username, o]));
      expect([...byName.keys()]).to.include.members(['sanyuan-officer', 'sanyuan-officer2']);
      expect(byName.get('sanyuan-officer2')).to.deep.include({ id: ids['sanyuan-officer2'], displayName: '孙执法（三元区城管局）', certificateValid: true });
      expect([...byName.keys()].every((u) => u.startsWith('sanyuan-'))).to.equal(true);
      expect(byName.has('sanyuan-reviewer')).to.equal(false);
    });


    it('marks an officer whose certificate has run out, for the head of the body and with an explicit body and field', async () => {
      // given city-officer2's certificate ran out on 2025-12-31
      const cityBody = Number((await db()('app.users').where({ username: 'city-officer' }).first('body_id')).body_id);

      // when
      const res = await (await platform.signIn('city-officer')).get('/api/cases/officer-options').query({ bodyId: cityBody, field: 'urban_management' });
      const head = await (await platform.signIn('sanyuan-head')).get('/api/cases/officer-options').query({ bodyId: sanyuan });

      // then
      expect(res.status).to.equal(200);
      const valid = Object.fromEntries((res.body as Array<{ username: string; certificateValid: boolean }>).map((o) => [o.username, o.certificateValid]));
      expect(valid).to.deep.include({ 'city-officer': true, 'city-officer2': false });
      expect(head.status).to.equal(200);
      expect((head.body as Array<{ username: string }>).map((o) => o.username)).to.include.members(['sanyuan-officer', 'sanyuan-officer2']);
    });


    it('denies other roles (403), another body inside the caller’s subtree (403), a body outside it or unknown (404), anonymous callers (401), and checks the query', async () => {
      for (const login of ['sanyuan-reviewer', 'sanyuan-supervisor', 'sanyuan-admin', 'sanyuan-designer']) {
        expect((await (await platform.signIn(login)).get('/api/cases/officer-options')).status, login).to.equal(403);
      }
      const sanyuanOfficer = await platform.signIn('sanyuan-officer');
      const township = await sanyuanOfficer.get('/api/cases/officer-options').query({ bodyId: liedong });
      expect(township.status).to.equal(403);
      expect(township.body.detail).to.match(/own enforcement body/);
      expect((await (await platform.signIn('sanyuan-head')).get('/api/cases/officer-options').query({ bodyId: liedong })).status).to.equal(403);
      const shaxian = Number((await db()('app.users').where({ username: 'shaxian-officer' }).first('body_id')).body_id);
      const outside = await sanyuanOfficer.get('/api/cases/officer-options').query({ bodyId: shaxian });
      expect(outside.status).to.equal(404);
      expect(JSON.stringify(outside.body)).to.not.match(/沙县/);
      expect((await (await platform.signIn('liedong-officer')).get('/api/cases/officer-options').query({ bodyId: sanyuan })).status).to.equal(404);
      expect((await sanyuanOfficer.get('/api/cases/officer-options').query({ bodyId: 999999 })).status).to.equal(404);
      expect((await platform.anonymous().get('/api/cases/officer-options')).status).to.equal(401);
      const bad = await sanyuanOfficer.get('/api/cases/officer-options').query({ field: 'astrology', other: 1 });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).to.include('/query/field');
    });
  });


  describe('GET /cases and GET /cases/:id', () => {
    const refsOf = (body: { items: Array<{ caseRef: string }> }) => body.items.map((c) => c.caseRef);

    it('lists by scope: the body for officers, reviewers and heads; the subtree for supervisors and administrators', async () => {
      const list = async (login: string, query: Record<string, unknown> = {}) => {
        const res = await (await platform.signIn(login)).get('/api/cases').query(query);
        expect(res.status, `${login} ${JSON.stringify(res.body)}`).to.equal(200);
        return res.body as { items: Array<Record<string, unknown> & { caseRef: string }>; total: number; page: number; pageSize: number };
      };
      const sanyuanList = await list('sanyuan-reviewer');
      expect(sanyuanList.total).to.equal(2);
      expect(sanyuanList.items.every((c) => c.bodyId === sanyuan)).to.equal(true);
      expect(Object.keys(sanyuanList.items[0]!).sort()).to.deep.equal(['bodyId', 'bodyName', 'caseRef', 'currentStep', 'currentStepName', 'field', 'id', 'kind', 'openedAt', 'partyName', 'procedure', 'status', 'title'].sort());
      expect(refsOf(await list('liedong-officer'))).to.deep.equal([inspection.caseRef]);
      expect((await list('sanyuan-supervisor')).total).to.equal(3);
      expect((await list('city-admin')).total).to.equal(3);
      expect((await list('liedong-supervisor')).total).to.equal(1);
      expect((await list('shaxian-officer')).total).to.equal(0);
      expect((await list('shaxian-supervisor')).total).to.equal(0);
    });


    it('filters by search text (case ref, title, party name, party ID number), status, kind, procedure, body, mine and opening day, and sorts and pages', async () => {
      const agent = await platform.signIn('sanyuan-supervisor');
      const refs = async (query: Record<string, unknown>) => {
        const res = await agent.get('/api/cases').query(query);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return refsOf(res.body);
      };
      const second = `CF${year}-${String(sanyuan).padStart(3, '0')}-0002`;
      expect(await refs({ q: PERSON_ID })).to.deep.equal([second]);
      expect(await refs({ q: PERSON_ID.toLowerCase() }), 'an X check digit may be typed in lower case').to.deep.equal([second]);
      expect(await refs({ q: '李某某' })).to.deep.equal([second]);
      expect(await refs({ q: penalty.caseRef })).to.deep.equal([penalty.caseRef]);
      expect(await refs({ q: '门前三包' })).to.deep.equal([inspection.caseRef]);
      expect(await refs({ kind: 'inspection' })).to.deep.equal([inspection.caseRef]);
      expect(await refs({ procedure: 'penalty-ordinary', sort: 'caseRef' })).to.deep.equal([penalty.caseRef, second]);
      expect(await refs({ bodyId: liedong })).to.deep.equal([inspection.caseRef]);
      expect(await refs({ status: 'closed' })).to.deep.equal([]);
      expect(await refs({ openedFrom: today, openedTo: today, sort: 'openedAt' })).to.deep.equal([penalty.caseRef, inspection.caseRef, second]);
      expect(await refs({ openedTo: '2020-01-01' })).to.deep.equal([]);
      expect(await refs({ sort: '-openedAt' })).to.deep.equal([second, inspection.caseRef, penalty.caseRef]);
      const page2 = await agent.get('/api/cases').query({ sort: 'openedAt', page: 2, pageSize: 2 });
      expect(page2.body).to.deep.include({ total: 3, page: 2, pageSize: 2, totalCapped: false });
      expect(refsOf(page2.body)).to.deep.equal([second]);
      // a case ref's start is matched as a prefix (in either case); other ASCII text anywhere in the ref
      expect(await refs({ q: penalty.caseRef.slice(0, 12).toLowerCase(), procedure: 'penalty-ordinary', sort: 'caseRef' })).to.deep.equal([penalty.caseRef, second]);
      expect(await refs({ q: penalty.caseRef.slice(7), sort: 'caseRef' })).to.deep.equal([penalty.caseRef]);
      const mine = await (await platform.signIn('sanyuan-officer')).get('/api/cases').query({ mine: true });
      expect(refsOf(mine.body)).to.deep.equal([second, penalty.caseRef]);
      const bad = await agent.get('/api/cases').query({ status: 'lost', sort: 'party', openedFrom: '2026-02-30' });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).to.include.members(['/query/status', '/query/sort', '/query/openedFrom']);
    });


    it('denies the list to process designers (403) and anonymous callers (401)', async () => {
      expect((await (await platform.signIn('city-designer')).get('/api/cases')).status).to.equal(403);
      expect((await platform.anonymous().get('/api/cases')).status).to.equal(401);
    });


    it('shows a case to its body and the supervisors above it; 404 outside the caller’s subtree, 403 inside it but not theirs', async () => {
      for (const login of ['sanyuan-officer', 'sanyuan-reviewer', 'sanyuan-head', 'sanyuan-supervisor', 'sanyuan-admin', 'city-supervisor', 'city-admin']) {
        const res = await (await platform.signIn(login)).get(`/api/cases/${penalty.id}`);
        expect(res.status, login).to.equal(200);
        expect(res.body.caseRef).to.equal(penalty.caseRef);
      }
      for (const login of ['shaxian-officer', 'shaxian-supervisor', 'liedong-officer', 'liedong-supervisor']) {
        const res = await (await platform.signIn(login)).get(`/api/cases/${penalty.id}`);
        expect(res.status, login).to.equal(404);
        expect(JSON.stringify(res.body)).to.not.include(penalty.caseRef);
      }
      // 三明市城管局's officer sits above 三元区 but is no officer of its body
      expect((await (await platform.signIn('city-officer')).get(`/api/cases/${penalty.id}`)).status).to.equal(403);
      expect((await (await platform.signIn('sanyuan-designer')).get(`/api/cases/${penalty.id}`)).status).to.equal(403);
      expect((await platform.anonymous().get(`/api/cases/${penalty.id}`)).status).to.equal(401);
      expect((await (await platform.signIn('city-admin')).get('/api/cases/999999')).status).to.equal(404);
      for (const sub of ['timeline', 'deadlines', 'diagram']) {
        expect((await (await platform.signIn('shaxian-officer')).get(`/api/cases/${penalty.id}/${sub}`)).status, sub).to.equal(404);
        expect((await (await platform.signIn('city-designer')).get(`/api/cases/${penalty.id}/${sub}`)).status, sub).to.equal(403);
        expect((await platform.anonymous().get(`/api/cases/${penalty.id}/${sub}`)).status, sub).to.equal(401);
      }
    });
  });

  describe('capped counts (api/repositories/page.ts)', () => {
    it('counts up to the cap and says when more rows match; without a cap the count is exact', async () => {
      // given: the three cases opened above, listed with a cap of 2 and of 3
      const query = () => db()('app.cases as c').select('c.case_ref').orderBy('c.id');
      const toRef = (row: { case_ref: string }) => row.case_ref;

      // when
      const capped = await fetchPage(query(), { page: 1, pageSize: 1 }, toRef, { countCap: 2 });
      const atCap = await fetchPage(query(), { page: 2, pageSize: 2 }, toRef, { countCap: 3 });
      const exact = await fetchPage(query(), { page: 1, pageSize: 1 }, toRef);

      // then
      expect(capped).to.deep.include({ total: 2, totalCapped: true, page: 1, pageSize: 1 });
      expect(capped.items).to.have.length(1);
      expect(atCap).to.deep.include({ total: 3, totalCapped: false });
      expect(atCap.items).to.have.length(1);
      expect(exact.total).to.equal(3);
      expect(exact).not.to.have.property('totalCapped');
    });
  });

  describe('PATCH /cases/:id', () => {
    it('lets an officer of the case and the agency head change the title, facts and amounts, recorded as an event', async () => {
      const res = await (await platform.signIn('sanyuan-officer2')).patch(`/api/cases/${penalty.id}`).send({ facts: '店外人行道摆放桌椅12套，占道约40平方米', amounts: { involved: 0, fine: 8000 } });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.deep.include({ facts: '店外人行道摆放桌椅12套，占道约40平方米', amounts: { involved: 0, fine: 8000 }, title: '擅自占用城市道路' });
      const head = await (await platform.signIn('sanyuan-head')).patch(`/api/cases/${penalty.id}`).send({ title: '擅自占用城市道路案' });
      expect(head.body.title).to.equal('擅自占用城市道路案');
      expect((await db()('app.case_events').where({ case_id: penalty.id, type: 'updated' })).length).to.equal(2);
    });

    it('keeps the search grams with the case (app.case_search): a new case is found by a word of its title and a party’s surname, a renamed one no longer by its old title', async () => {
      // given: a case whose title and party are found nowhere else
      const opened = await open('liedong-officer', {
        ...inspectionRequest(),
        title: '夜间施工噪声扰民情况检查',
        parties: [{ type: 'natural-person', name: '欧阳某某', idType: 'resident-id', idNumber: PERSON_ID, address: '三明市三元区列东街道' }],
      });
      const officer = await platform.signIn('liedong-officer');
      const refs = async (q: string) => {
        const res = await officer.get('/api/cases').query({ q });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return (res.body as { items: Array<{ caseRef: string }> }).items.map((c) => c.caseRef);
      };
      const mine = await officer.get('/api/cases').query({ mine: true, q: '欧阳' });
      expect(mine.body.items.map((c: { caseRef: string }) => c.caseRef)).to.deep.equal([opened.caseRef]);
      expect(await refs('施工噪声')).to.deep.equal([opened.caseRef]);
      expect(await refs('欧')).to.deep.equal([opened.caseRef]);
      expect(await refs('噪声施工'), 'the grams of the text in another order are not the text').to.deep.equal([]);

      // when: the title changes
      const res = await officer.patch(`/api/cases/${opened.id}`).send({ title: '门前绿化带损毁情况检查' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);

      // then: found by the new words only; the party still by name
      expect(await refs('施工噪声')).to.deep.equal([]);
      expect(await refs('噪')).to.deep.equal([]);
      expect(await refs('绿化带损毁')).to.deep.equal([opened.caseRef]);
      expect(await refs('欧阳某某')).to.deep.equal([opened.caseRef]);
      expect(await db()('app.case_search').where({ case_id: opened.id, doc: 0, gram: '噪' }).first()).to.equal(undefined);
    });


    it('denies the others: 403 inside the scope, 404 outside it, 400 for an empty or unknown change', async () => {
      expect((await (await platform.signIn('sanyuan-reviewer')).patch(`/api/cases/${penalty.id}`).send({ title: 'x' })).status).to.equal(403);
      expect((await (await platform.signIn('sanyuan-supervisor')).patch(`/api/cases/${penalty.id}`).send({ title: 'x' })).status).to.equal(403);
      expect((await (await platform.signIn('liedong-head')).patch(`/api/cases/${penalty.id}`).send({ title: 'x' })).status).to.equal(404);
      expect((await (await platform.signIn('shaxian-officer')).patch(`/api/cases/${penalty.id}`).send({ title: 'x' })).status).to.equal(404);
      expect((await platform.anonymous().patch(`/api/cases/${penalty.id}`).send({ title: 'x' })).status).to.equal(401);
      // liedong-officer is an officer, but not of this case: the case is outside the township's view
      const officer = await platform.signIn('sanyuan-officer');
      const empty = await officer.patch(`/api/cases/${penalty.id}`).send({});
      expect(empty.status).to.equal(400);
      const unknown = await officer.patch(`/api/cases/${penalty.id}`).send({ status: 'closed' });
      expect(unknown.body.errors[0].path).to.equal('/body/status');
    });
  });

  describe('timeline, diagram and deadlines', () => {
    it('joins the engine’s records (named as in the BPMN) with the platform’s events, oldest first', async () => {
      await platform.taskRow('verify-clue', penalty.caseRef);
      const res = await (await platform.signIn('sanyuan-reviewer')).get(`/api/cases/${penalty.id}/timeline`);
      expect(res.status).to.equal(200);
      const entries = res.body as Array<{ at: string; source: string; type: string; summary: string; elementId?: string; actor?: { id: number; displayName: string } }>;
      const started = entries.find((e) => e.type === 'process:element_activated');
      expect(started).to.deep.include({ source: 'engine', elementId: 'penalty-ordinary', summary: '程序开始：行政处罚普通程序' });
      expect(entries.find((e) => e.type === 'user_task:element_activated')).to.deep.include({ source: 'engine', elementId: 'verify-clue', summary: '开始：核查线索' });
      expect(entries.find((e) => e.elementId === 'clue-registered')).to.deep.include({ type: 'start_event:element_completed', summary: '完成：线索登记' });
      const opened = entries.find((e) => e.type === 'opened')!;
      expect(opened).to.deep.include({ source: 'platform', actor: { id: ids['sanyuan-officer'], displayName: '赵执法（三元区城管局）' } });
      expect(entries.filter((e) => e.type === 'updated')).to.have.length(2);
      const times = entries.map((e) => e.at);
      expect(times).to.deep.equal([...times].sort());
    });


    it('gives the deployed BPMN with the open and completed elements', async () => {
      const res = await (await platform.signIn('sanyuan-officer')).get(`/api/cases/${penalty.id}/diagram`);
      expect(res.status).to.equal(200);
      expect(Object.keys(res.body).sort()).to.deep.equal(['activeElementIds', 'bpmnProcessId', 'completedElementIds', 'incidentElementIds', 'xml']);
      expect(res.body.bpmnProcessId).to.equal('penalty-ordinary');
      expect(res.body.xml).to.include('<bpmn:process id="penalty-ordinary"');
      expect(res.body.activeElementIds).to.deep.equal(['verify-clue']);
      expect(res.body.completedElementIds).to.include.members(['clue-registered', 'compute-clue-verification-deadline']);
      expect(res.body.incidentElementIds).to.deep.equal([]);
    });


  });

  describe('POST /cases/:id/events', () => {
    it('publishes a party’s event as the BPMN message of the procedure, records it, and the procedure reacts', async () => {
      // given: the clue verified and the case filed, so that the investigation's termination path is armed
      const verify = await platform.taskRow('verify-clue', penalty.caseRef);
      await platform.zeebe.completeJob({ jobKey: String(verify.job_key), variables: { facts: '占道经营', violationDate: '2026-09-18T10:00:00+08:00', specialLimitation: false, recommendFiling: true, opinion: '建议立案' } });
      const filing = await platform.taskRow('approve-filing', penalty.caseRef);
      filedAt = chinaIso(platform.clock.now());
      await platform.zeebe.completeJob({ jobKey: String(filing.job_key), variables: { fileCase: true, officers: ['sanyuan-officer', 'sanyuan-officer2'], filedAt, reason: '符合立案条件' } });
      await platform.taskRow('investigate', penalty.caseRef);

      // when
      const res = await (await platform.signIn('sanyuan-officer')).post(`/api/cases/${penalty.id}/events`).send({ type: 'termination-request', data: { reason: '当事人已注销，无其他责任主体' } });

      // then
      expect(res.status, JSON.stringify(res.body)).to.equal(202);
      expect(res.body).to.deep.equal({ type: 'termination-request', messageName: 'case-termination-requested' });
      const approval = await platform.taskRow('approve-case-termination', penalty.caseRef);
      expect((approval.variables as Record<string, unknown>).terminationRequest).to.deep.equal({ reason: '当事人已注销，无其他责任主体' });
      const event = await db()('app.case_events').where({ case_id: penalty.id, type: 'message:termination-request' }).first('actor_id', 'data');
      expect(event.actor_id).to.equal(ids['sanyuan-officer']);
      expect(event.data).to.deep.include({ messageName: 'case-termination-requested' });
      expect(await db()('app.audit_log').where({ entity: 'case', entity_id: String(penalty.id), action: 'publish' }).first('user_id')).to.deep.equal({ user_id: ids['sanyuan-officer'] });
    });


    it('maps every event type to its message and checks its data by type', async () => {
      const head = await platform.signIn('sanyuan-head');
      const second = (await db()('app.cases').where({ case_ref: `CF${year}-${String(sanyuan).padStart(3, '0')}-0002` }).first('id')).id;
      const events: Array<[string, Record<string, unknown>, string]> = [
        ['party-statement', { text: '桌椅已当日收回' }, 'party-statement-received'],
        ['party-waiver', { document: '放弃陈述申辩声明书' }, 'party-waived-rights'],
        ['hearing-request', {}, 'hearing-requested'],
        ['payment', { amount: 8000 }, 'payment-received'],
        ['payment-deferral', { kind: 'defer', payUntil: '2026-12-31', reason: '经营困难' }, 'payment-deferral-requested'],
        ['extension-request', { length: 30, unit: 'CD', reason: '案情复杂' }, 'case-extension-requested'],
        ['evidence-preservation', { items: [{ name: '桌椅', quantity: 12, unit: '套' }], reason: '证据可能灭失' }, 'evidence-preservation-requested'],
        ['coercive-measure-needed', { measure: { kind: 'seize', items: '桌椅12套', reason: '拒不清理', basis: '《中华人民共和国行政强制法》第九条' } }, 'coercive-measure-needed'],
        ['case-limit-pause', { from: '2026-09-24', to: '2026-09-25', reason: 'testing-appraisal' }, 'case-limit-changed'],
      ];
      for (const [type, data, messageName] of events) {
        const res = await head.post(`/api/cases/${second}/events`).send({ type, data });
        expect(res.status, `${type}: ${JSON.stringify(res.body)}`).to.equal(202);
        expect(res.body).to.deep.equal({ type, messageName });
      }
      const bad = await head.post(`/api/cases/${second}/events`).send({ type: 'payment', data: { amount: -1, extra: true } });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).to.include.members(['/body/data/amount', '/body/data/extra']);
      const missing = await head.post(`/api/cases/${second}/events`).send({ type: 'termination-request', data: {} });
      expect(missing.body.errors.map((e: { path: string }) => e.path)).to.include('/body/data/reason');
      const unknown = await head.post(`/api/cases/${second}/events`).send({ type: 'party-bribe', data: {} });
      expect(unknown.body.errors.map((e: { path: string }) => e.path)).to.include('/body/type');
    });


    it('refuses an event the procedure does not have (409) and denies everyone but the case’s officers and head', async () => {
      const officer = await platform.signIn('liedong-officer');
      const notApplicable = await officer.post(`/api/cases/${inspection.id}/events`).send({ type: 'payment', data: { amount: 100 } });
      expect(notApplicable.status).to.equal(409);
      const statement = { type: 'party-statement', data: { text: '无异议' } };
      expect((await (await platform.signIn('sanyuan-reviewer')).post(`/api/cases/${penalty.id}/events`).send(statement)).status).to.equal(403);
      expect((await (await platform.signIn('sanyuan-supervisor')).post(`/api/cases/${penalty.id}/events`).send(statement)).status).to.equal(403);
      expect((await (await platform.signIn('liedong-officer')).post(`/api/cases/${penalty.id}/events`).send(statement)).status).to.equal(404);
      expect((await (await platform.signIn('shaxian-officer')).post(`/api/cases/${penalty.id}/events`).send(statement)).status).to.equal(404);
      expect((await (await platform.signIn('city-designer')).post(`/api/cases/${penalty.id}/events`).send(statement)).status).to.equal(403);
      expect((await platform.anonymous().post(`/api/cases/${penalty.id}/events`).send(statement)).status).to.equal(401);
    });
  });

  describe('status follows the procedure', () => {
    it('closes the case with closed_at when its procedure ends, and marks a cancelled one terminated', async () => {
      // given: the head does not approve the inspection → end event inspection-not-approved
      const plan = await platform.taskRow('plan-inspection', inspection.caseRef);
      await platform.zeebe.completeJob({ jobKey: String(plan.job_key), variables: { type: 'routine', items: '门前三包责任落实情况', method: 'on-site', officers: ['liedong-officer', 'liedong-officer2'], plannedAt: '2026-09-29T09:00:00+08:00' } });
      const approve = await platform.taskRow('approve-inspection', inspection.caseRef);
      await platform.zeebe.completeJob({ jobKey: String(approve.job_key), variables: { approved: false, opinion: '另行安排', rejectionReason: '另行安排', decidedAt: chinaIso(platform.clock.now()) } });
      await waitUntil(async () => (await db().raw(`select 1 from engine.records where key = ? and intent = 'ELEMENT_COMPLETED'`, [inspection.processInstanceKey])).rows[0] ?? null, 15_000, 'the inspection to end');

      // when: the case is read
      const res = await (await platform.signIn('liedong-officer')).get(`/api/cases/${inspection.id}`);

      // then
      expect(res.body.status).to.equal('closed');
      expect(res.body.closedAt).to.be.a('string');
      expect(res.body.currentStep).to.equal(null);
      const diagram = await (await platform.signIn('liedong-officer')).get(`/api/cases/${inspection.id}/diagram`);
      expect(diagram.body.activeElementIds).to.deep.equal([]);
      expect(diagram.body.completedElementIds).to.include('inspection-not-approved');
      const closedList = await (await platform.signIn('liedong-head')).get('/api/cases').query({ status: 'closed' });
      expect(closedList.body.items.map((c: { caseRef: string }) => c.caseRef)).to.deep.equal([inspection.caseRef]);
      const events = await (await platform.signIn('liedong-officer')).post(`/api/cases/${inspection.id}/events`).send({ type: 'payment', data: { amount: 1 } });
      expect(events.status).to.equal(409);

      // when: the second penalty case's instance is cancelled on the engine, the list shows it terminated
      const second = await db()('app.cases').where({ case_ref: `CF${year}-${String(sanyuan).padStart(3, '0')}-0002` }).first('id', db().raw('process_instance_key::text as key'));
      await platform.zeebe.cancelProcessInstance(second.key);
      await waitUntil(async () => (await db().raw(`select 1 from engine.records where key = ? and intent = 'ELEMENT_TERMINATED'`, [second.key])).rows[0] ?? null, 15_000, 'the cancellation');
      const list = await (await platform.signIn('sanyuan-officer')).get('/api/cases').query({ status: 'terminated' });
      expect(list.body.items.map((c: { id: number }) => c.id)).to.deep.equal([Number(second.id)]);
    });
  });
  describe('deadlines (after the clock has moved on: last, as the cached sessions expire)', () => {
    it('lists the statutory deadlines with their basis and explanation, and the working days left as legal/ counts them', async () => {
      // given: the clue was received at opening (15 WD to verify, 市监程序规定 Art 18) and the case filed (90 days, 处罚法 Art 60)
      await waitUntil(async () => (await db()('app.deadlines').where({ case_ref: penalty.caseRef, kind: 'caseLimit' }).first()) ?? null, 15_000, 'the case limit');
      await platform.advance(2 * 86_400_000);
      // a fresh session: the cached ones were issued two (clock) days ago, past their 12 hours
      const head = supertest.agent(platform.app);
      await head.post('/api/auth/login').send({ username: 'sanyuan-head', password: DEMO_PASSWORD }).expect(200);

      // when
      const res = await head.get(`/api/cases/${penalty.id}/deadlines`);

      // then
      expect(res.status).to.equal(200);
      const rows = res.body as Array<Record<string, unknown>>;
      const calendar = createHolidayCalendar((await db()('app.calendar_days').select('date', 'kind', 'name', 'source')) as CalendarDayRow[]);
      const clue = rows.find((r) => r.kind === 'clueVerification')!;
      const clueDue = computeDeadline({ start: receivedAt, length: 15, unit: 'WD' }, calendar);
      expect(clue).to.deep.include({ name: '线索核查期限', due: clueDue.due, dueDate: clueDue.dueDate, unit: 'WD', length: 15 });
      expect(Date.parse(clue.start as string)).to.equal(Date.parse(receivedAt));
      expect(clue.legalBasis).to.match(/市场监督管理行政处罚程序规定/);
      const limit = rows.find((r) => r.kind === 'caseLimit')!;
      const limitDue = computeDeadline({ start: filedAt, length: 90, unit: 'CD' }, calendar);
      expect(limit).to.deep.include({ name: '办案期限', due: limitDue.due, dueDate: limitDue.dueDate, status: 'running', unit: 'CD', length: 90 });
      expect(limit.legalBasis).to.include('《行政处罚法》第六十条');
      expect((limit.explanation as { steps: unknown[] }).steps).to.have.length.greaterThan(0);
      expect((limit.text as Record<string, string>)['zh-CN']).to.be.a('string').and.not.equal('');
      // independently, through legal/ at the platform's clock
      expect(limit.remainingWorkingDays).to.equal(remainingWorkingDays(platform.clock.now(), limitDue.due, calendar));
      expect(limit.remainingWorkingDays).to.be.within(50, 64);
      for (const row of rows) {
        if (row.status === 'running' || row.status === 'overdue') expect(row.remainingWorkingDays, String(row.kind)).to.equal(remainingWorkingDays(platform.clock.now(), row.due as string, calendar));
        else expect(row.remainingWorkingDays, String(row.kind)).to.equal(null);
      }
      expect(Object.keys(limit).sort()).to.deep.equal(['due', 'dueDate', 'explanation', 'id', 'kind', 'legalBasis', 'length', 'name', 'remainingWorkingDays', 'start', 'status', 'text', 'unit']);
    });
  });
});
