/**
 * 待办 (docs/case-handling.md "Tasks") against the real engine: the user-task worker keeps the procedures' user tasks
 * in app.tasks, the lists answer by scope and filter, every action goes through to the engine (the next task of the
 * BPMN appears), and every denial is checked. Cases are inserted into app.cases and their procedure started with
 * CreateProcessInstance, as POST /api/cases will do.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { waitUntil } from '../engine/support/engine-harness.js';
import { useCasePlatform } from '../support/case-platform.js';
import { chinaIso } from '../../api/services/task-service.js';
import { reconcileCanceledTasks } from '../../api/services/user-task-worker.js';

describe('tasks API (待办)', function () {
  this.timeout(90_000);
  const platform = useCasePlatform('tasks');
  const db = () => platform.h.database.db;
  let liedong: number;
  let sanyuan: number;
  let city: number;
  let counter = 0;

  before(async () => {
    liedong = await platform.bodyId('列东街道办事处');
    sanyuan = await platform.bodyId('三元区城市管理局');
    city = await platform.bodyId('三明市城市管理局');
  });

  interface OpenedCase {
    id: number;
    ref: string;
    pi: string;
  }

  /** A case as POST /api/cases would open it: the app.cases row, then its procedure on the engine. */
  async function openCase(o: { body: number; procedure: 'inspection' | 'penalty-ordinary'; opener: string; party: string; variables?: Record<string, unknown> }): Promise<OpenedCase> {
    counter += 1;
    const ref = `T-${o.procedure === 'inspection' ? 'JC' : 'CF'}-${Date.now() % 100000}-${counter}`;
    const body = await db()('app.enforcement_bodies').where({ id: o.body }).first('field', 'name');
    const [row] = await db()('app.cases')
      .insert({ case_ref: ref, kind: o.procedure === 'inspection' ? 'inspection' : 'penalty', procedure: o.procedure, body_id: o.body, field: body.field, title: `${o.party}案`, party_name: o.party, opened_by: await platform.userId(o.opener) })
      .returning('id');
    const officers = o.body === liedong ? ['liedong-officer', 'liedong-officer2'] : o.body === sanyuan ? ['sanyuan-officer', 'sanyuan-officer2'] : ['city-officer', 'city-officer2'];
    const common = { caseId: ref, bodyId: o.body, bodyName: body.name, field: 'urban-management', party: { type: 'organisation', name: o.party, address: '三明市三元区列东街1号', creditCode: `92350400MA3X${String(counter).padStart(6, '0')}`, idNumber: `92350400MA3X${String(counter).padStart(6, '0')}`, electronicService: { consented: false, confirmationSigned: false } }, remedies: { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' }, availableOfficers: officers };
    const variables =
      o.procedure === 'inspection'
        ? { ...common, inspection: { type: 'routine', items: '门前三包责任落实情况', source: '2026年度行政检查计划', randomDraw: true, legalBasis: '《福建省城市市容和环境卫生管理办法》第十条' } }
        : { ...common, clue: { source: 'complaint', receivedAt: chinaIso(platform.clock.now()), summary: '群众投诉：店外占道经营' }, caseCause: '擅自占用城市道路', agencyEnforcementPower: false };
    const created = await platform.zeebe.createProcessInstance({ bpmnProcessId: o.procedure, variables: { ...variables, ...o.variables } });
    await db()('app.cases').where({ id: row.id }).update({ process_instance_key: created.processInstanceKey });
    return { id: Number(row.id), ref, pi: created.processInstanceKey };
  }

  async function taskId(elementId: string, c: OpenedCase): Promise<number> {
    return Number((await platform.taskRow(elementId, c.ref)).id);
  }

  const now = () => chinaIso(platform.clock.now());
  const plan = (officers = ['liedong-officer', 'liedong-officer2']) => ({ type: 'routine', items: '门前三包责任落实情况', method: 'on-site', officers, plannedAt: now() });

  async function list(login: string, query: Record<string, string | number | boolean>) {
    const res = await (await platform.signIn(login)).get('/api/tasks').query(query);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { items: Array<{ id: number; caseRef: string; elementId: string; overdue: boolean; assignee: { id: number } | null; state: string }>; total: number };
  }

  const refs = (page: { items: Array<{ caseRef: string }> }) => page.items.map((t) => t.caseRef).sort();

  describe('the user-task worker', () => {
    it('keeps a user task with its name from the diagram, its candidate group and its case, and moves the case to that step', async () => {
      // given / when
      const c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '列东某某便利店W' });
      const row = await platform.taskRow('plan-inspection', c.ref);
      // then
      expect(row).to.include({ name: '制定检查方案', form_id: 'inspection-plan', bpmn_process_id: 'inspection', body_id: liedong, party_name: '列东某某便利店W', state: 'created' });
      expect(row.candidate_groups).to.deep.equal([`${liedong}:officer`]);
      expect(Number(row.case_id)).to.equal(c.id);
      const kase = await db()('app.cases').where({ id: c.id }).first('current_step', 'current_step_name');
      expect(kase).to.deep.equal({ current_step: 'plan-inspection', current_step_name: '制定检查方案' });
    });
  });

  describe('lists', () => {
    let a: OpenedCase;
    let b: OpenedCase;
    let s1: OpenedCase;
    let s2: OpenedCase;

    before(async () => {
      // two liedong inspections (one opened by the head), two sanyuan penalty cases: one received long ago (overdue)
      // (each task is waited for before the next case opens, so that their creation order is the cases' order)
      a = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '甲便利店' });
      await taskId('plan-inspection', a);
      b = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-head', party: '乙超市' });
      await taskId('plan-inspection', b);
      s1 = await openCase({ body: sanyuan, procedure: 'penalty-ordinary', opener: 'sanyuan-officer', party: '丙餐饮公司', variables: { clue: { source: 'complaint', receivedAt: '2026-01-05T09:00:00+08:00', summary: '投诉' } } });
      await taskId('verify-clue', s1);
      s2 = await openCase({ body: sanyuan, procedure: 'penalty-ordinary', opener: 'sanyuan-officer2', party: '丁餐饮公司' });
      await taskId('verify-clue', s2);
      // the worker's first task (its own describe) is still open in liedong: it is outside these cases' filters
      const claimed = await (await platform.signIn('liedong-officer')).post(`/api/tasks/${await taskId('plan-inspection', a)}/claim`).send({});
      expect(claimed.status).to.equal(200);
    });

    const mineOnly = (page: { items: Array<{ caseRef: string }> }, cases: OpenedCase[]) => refs({ items: page.items.filter((t) => cases.some((c) => c.ref === t.caseRef)) });

    it('gives 待办 by scope: mine, groups (unassigned or mine), unassigned, all', async () => {
      const both = [a, b];
      expect(mineOnly(await list('liedong-officer', { scope: 'mine' }), both)).to.deep.equal([a.ref]);
      expect(mineOnly(await list('liedong-officer', { scope: 'groups' }), both)).to.deep.equal([a.ref, b.ref].sort());
      expect(mineOnly(await list('liedong-officer', { scope: 'unassigned' }), both)).to.deep.equal([b.ref]);
      expect(mineOnly(await list('liedong-officer', { scope: 'all' }), both)).to.deep.equal([a.ref, b.ref].sort());
      // the other officer does not see the task a colleague holds
      expect(mineOnly(await list('liedong-officer2', {}), both)).to.deep.equal([b.ref]);
      expect(mineOnly(await list('liedong-officer2', { scope: 'mine' }), both)).to.deep.equal([]);
      // no head or reviewer task is open, and other bodies see none of them
      expect((await list('liedong-head', {})).total).to.equal(0);
      expect((await list('liedong-reviewer', {})).total).to.equal(0);
      expect(refs(await list('sanyuan-officer', {}))).to.deep.equal([s1.ref, s2.ref].sort());
      expect((await list('shaxian-officer', {})).total).to.equal(0);
    });


    it('gives 我发起的: the open tasks of the cases the user opened', async () => {
      expect(mineOnly(await list('liedong-head', { list: 'started' }), [a, b])).to.deep.equal([b.ref]);
      expect(refs(await list('sanyuan-officer', { list: 'started' }))).to.deep.equal([s1.ref]);
      expect(refs(await list('sanyuan-officer2', { list: 'started' }))).to.deep.equal([s2.ref]);
    });


    it('filters by procedure, element, case, case ref, party, due dates and overdue', async () => {
      expect(refs(await list('sanyuan-officer', { procedure: 'penalty-ordinary' }))).to.deep.equal([s1.ref, s2.ref].sort());
      expect((await list('sanyuan-officer', { procedure: 'inspection' })).total).to.equal(0);
      expect(refs(await list('liedong-officer', { elementId: 'plan-inspection', caseId: b.id }))).to.deep.equal([b.ref]);
      expect(refs(await list('liedong-officer', { caseRef: a.ref }))).to.deep.equal([a.ref]);
      expect(refs(await list('liedong-officer', { party: '甲便利' }))).to.deep.equal([a.ref]);
      expect(refs(await list('sanyuan-officer', { party: '100%_' }))).to.deep.equal([]);
      const overdue = await list('sanyuan-officer', { overdue: true });
      expect(refs(overdue)).to.deep.equal([s1.ref]);
      expect(overdue.items[0]!.overdue).to.equal(true);
      expect(refs(await list('sanyuan-officer', { overdue: false }))).to.deep.equal([s2.ref]);
      // s1's verification was due in January 2026, s2's is due after today
      expect(refs(await list('sanyuan-officer', { dueFrom: '2026-01-01', dueTo: '2026-02-28' }))).to.deep.equal([s1.ref]);
      expect(refs(await list('sanyuan-officer', { dueFrom: '2026-03-01' }))).to.deep.equal([s2.ref]);
    });


    it('sorts and pages', async () => {
      const byDue = await list('sanyuan-officer', { sort: 'dueAt' });
      expect(byDue.items.map((t) => t.caseRef)).to.deep.equal([s1.ref, s2.ref]);
      expect((await list('sanyuan-officer', { sort: '-dueAt' })).items.map((t) => t.caseRef)).to.deep.equal([s2.ref, s1.ref]);
      expect((await list('sanyuan-officer', { sort: 'createdAt' })).items.map((t) => t.caseRef)).to.deep.equal([s1.ref, s2.ref]);
      expect((await list('sanyuan-officer', {})).items.map((t) => t.caseRef)).to.deep.equal([s2.ref, s1.ref]);
      const second = await list('sanyuan-officer', { sort: 'createdAt', page: 2, pageSize: 1 });
      expect(second).to.deep.include({ total: 2, page: 2, pageSize: 1 });
      expect(second.items.map((t) => t.caseRef)).to.deep.equal([s2.ref]);
    });


    it('refuses unknown list parameters with their path', async () => {
      const res = await (await platform.signIn('sanyuan-officer')).get('/api/tasks').query({ scope: 'everything', dueFrom: '2026-02-30', sort: 'name' });
      expect(res.status).to.equal(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).to.deep.equal(['/query/dueFrom', '/query/scope', '/query/sort']);
    });


    it('gives 已办: the tasks the user completed', async () => {
      // given: the officer completes the verification of s2
      const id = await taskId('verify-clue', s2);
      const agent = await platform.signIn('sanyuan-officer2');
      const done = await agent.post(`/api/tasks/${id}/complete`).send({ variables: { facts: '占道经营属实', violationDate: now().slice(0, 10), specialLimitation: false, recommendFiling: true, opinion: '建议立案' } });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      // then
      const page = await list('sanyuan-officer2', { list: 'done', sort: '-completedAt' });
      expect(page.items.map((t) => [t.id, t.state])).to.deep.equal([[id, 'completed']]);
      expect((await list('sanyuan-officer', { list: 'done' })).total).to.equal(0);
      // and the BPMN moved on to the head's filing approval
      await taskId('approve-filing', s2);
    });
  });

  describe('actions', () => {
    it('claim, comment, unclaim by the head, assign, delegate with a comment, and complete: the next task appears', async () => {
      // given
      const c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '戊便利店' });
      const id = await taskId('plan-inspection', c);
      const officer = await platform.signIn('liedong-officer');
      const officer2 = await platform.signIn('liedong-officer2');
      const head = await platform.signIn('liedong-head');
      const officerId = await platform.userId('liedong-officer');
      const officer2Id = await platform.userId('liedong-officer2');

      // claim; a colleague's claim is refused
      const claimed = await officer.post(`/api/tasks/${id}/claim`).send({});
      expect(claimed.status).to.equal(200);
      expect(claimed.body.assignee.id).to.equal(officerId);
      expect(claimed.body.actions).to.deep.equal({ claim: false, unclaim: true, assign: false, delegate: true, complete: true, approve: false, reject: false, return: false });
      expect((await officer2.post(`/api/tasks/${id}/claim`).send({})).status).to.equal(409);
      expect((await officer2.get(`/api/tasks/${id}`)).body.actions).to.deep.include({ claim: false, complete: false, unclaim: false });

      // comment (审批意见) by a candidate
      const comment = await officer2.post(`/api/tasks/${id}/comments`).send({ body: '建议先核对门店登记信息' });
      expect(comment.status).to.equal(201);
      expect(comment.body).to.deep.include({ kind: 'comment', body: '建议先核对门店登记信息' });

      // the head takes it back and assigns it to the other officer
      const released = await head.post(`/api/tasks/${id}/unclaim`).send({});
      expect(released.status).to.equal(200);
      expect(released.body.assignee).to.equal(null);
      const assigned = await head.post(`/api/tasks/${id}/assign`).send({ userId: officer2Id });
      expect(assigned.status).to.equal(200);
      expect(assigned.body.assignee.id).to.equal(officer2Id);

      // who may receive it: both certified officers of the body
      const assignees = await officer2.get(`/api/tasks/${id}/assignees`);
      expect(assignees.status).to.equal(200);
      expect(assignees.body.map((u: { id: number; certificateValid: boolean }) => [u.id, u.certificateValid])).to.deep.equal([[officerId, true], [officer2Id, true]]);

      // the assignee delegates it back with a comment
      const delegated = await officer2.post(`/api/tasks/${id}/delegate`).send({ userId: officerId, comment: '由谢执法继续办理' });
      expect(delegated.status).to.equal(200);
      expect(delegated.body.assignee.id).to.equal(officerId);
      expect(delegated.body.comments.map((m: { kind: string; body: string }) => [m.kind, m.body])).to.deep.equal([
        ['comment', '建议先核对门店登记信息'],
        ['assignment', '指派给韩执法（列东街道）'],
        ['delegation', '由谢执法继续办理'],
      ]);

      // when: the assignee completes the plan
      const submitted = plan();
      const completed = await officer.post(`/api/tasks/${id}/complete`).send({ variables: submitted });
      // then
      expect(completed.status, JSON.stringify(completed.body)).to.equal(200);
      expect(completed.body).to.deep.include({ state: 'completed', outcome: 'completed' });
      const row = await db()('app.tasks').where({ id }).first('completed_by', 'submitted');
      expect(row.completed_by).to.equal(officerId);
      expect(row.submitted).to.deep.equal(submitted);
      // the engine moved on: frequency and officers checked, the head's approval is open
      const approvalId = await taskId('approve-inspection', c);
      expect((await list('liedong-head', { caseRef: c.ref })).items.map((t) => t.id)).to.deep.equal([approvalId]);
      expect((await list('liedong-officer', { caseRef: c.ref })).total).to.equal(0);

      // every action is in the audit log
      const audited = await db()('app.audit_log').where({ entity: 'task', entity_id: String(id) }).orderBy('id').pluck('action');
      expect(audited).to.deep.equal(['claim', 'comment', 'unclaim', 'assign', 'delegate', 'complete']);
    });


    it('approve on an approval form (the reason is hidden and not required); the procedure serves the notice next', async () => {
      const c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '己便利店' });
      expect((await (await platform.signIn('liedong-officer')).post(`/api/tasks/${await taskId('plan-inspection', c)}/complete`).send({ variables: plan() })).status).to.equal(200);
      const id = await taskId('approve-inspection', c);
      const head = await platform.signIn('liedong-head');
      const detail = await head.get(`/api/tasks/${id}`);
      expect(detail.body.form.id).to.equal('approve');
      expect(detail.body.actions).to.deep.include({ approve: true, reject: true, return: false, assign: true });
      // when
      const approved = await head.post(`/api/tasks/${id}/approve`).send({ opinion: '同意检查' });
      // then
      expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
      expect(approved.body).to.deep.include({ state: 'completed', outcome: 'approved' });
      expect(approved.body.comments.map((m: { kind: string }) => m.kind)).to.deep.equal(['approval']);
      const row = await db()('app.tasks').where({ id }).first('submitted');
      expect(row.submitted).to.include({ approved: true, opinion: '同意检查' });
      await taskId('choose-service-method', c);
    });


    it('reject needs a reason; with one the inspection ends not approved', async () => {
      const c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '庚便利店' });
      await (await platform.signIn('liedong-officer')).post(`/api/tasks/${await taskId('plan-inspection', c)}/complete`).send({ variables: plan() });
      const id = await taskId('approve-inspection', c);
      const head = await platform.signIn('liedong-head');
      // without a reason
      const refused = await head.post(`/api/tasks/${id}/reject`).send({});
      expect(refused.status).to.equal(400);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(['/body/reason']);
      expect((await head.post(`/api/tasks/${id}/reject`).send({ reason: '  ' })).status).to.equal(400);
      // with one
      const rejected = await head.post(`/api/tasks/${id}/reject`).send({ reason: '本年度已检查，无需重复检查' });
      expect(rejected.status, JSON.stringify(rejected.body)).to.equal(200);
      expect(rejected.body).to.deep.include({ state: 'completed', outcome: 'rejected' });
      expect((await db()('app.tasks').where({ id }).first('submitted')).submitted).to.include({ approved: false, rejectionReason: '本年度已检查，无需重复检查' });
      await waitUntil(
        async () => (await db().raw("select 1 from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' and payload->>'elementId' = 'inspection-not-approved'", [c.pi])).rows.length > 0,
        10_000,
        'the inspection ended not approved',
      );
    });


    it('return (退回) on the case review sends the case back to the investigation', async () => {
      // given: a sanyuan penalty case up to the case review, every step through the API
      const c = await openCase({ body: sanyuan, procedure: 'penalty-ordinary', opener: 'sanyuan-officer', party: '辛餐饮公司' });
      const officer = await platform.signIn('sanyuan-officer');
      const head = await platform.signIn('sanyuan-head');
      const reviewer = await platform.signIn('sanyuan-reviewer');
      const step = async (agent: Awaited<ReturnType<typeof platform.signIn>>, elementId: string, variables: Record<string, unknown>) => {
        const res = await agent.post(`/api/tasks/${await taskId(elementId, c)}/complete`).send({ variables });
        expect(res.status, `${elementId}: ${JSON.stringify(res.body)}`).to.equal(200);
      };
      await step(officer, 'verify-clue', { facts: '占道经营属实', violationDate: now().slice(0, 10), specialLimitation: false, recommendFiling: true, opinion: '建议立案' });
      await step(head, 'approve-filing', { fileCase: true, officers: ['sanyuan-officer', 'sanyuan-officer2'], filedAt: now() });
      const investigation = { violationCode: 'UM-ROAD-OCCUPY', circumstance: 'general', facts: '占用人行道摆放桌椅', evidence: '现场检查笔录', completedAt: now() };
      const firstInvestigation = await taskId('investigate', c);
      await step(officer, 'investigate', investigation);
      await step(officer, 'write-investigation-report', {
        facts: '占用人行道摆放桌椅', evidence: '现场检查笔录', basis: '《城市道路管理条例》第二十七条', proposedPenalty: { outcome: 'penalty', kinds: ['fine'], fine: 1000, confiscationValue: null },
        majorPublicInterest: false, complexCase: false, majorViolation: false, listedInLocalCatalogue: false, submittedAt: now(),
      });
      const id = await taskId('review-case', c);
      const detail = await reviewer.get(`/api/tasks/${id}`);
      expect(detail.body.returnTargets).to.deep.equal([{ value: 'investigate', label: '调查取证' }]);
      expect(detail.body.actions).to.deep.include({ return: true, approve: true, reject: true, complete: true });
      // a target the BPMN does not model
      expect((await reviewer.post(`/api/tasks/${id}/return`).send({ reason: '证据不足', target: 'verify-clue' })).status).to.equal(400);
      // when
      const returned = await reviewer.post(`/api/tasks/${id}/return`).send({ reason: '证据不足，补充询问笔录', target: 'investigate' });
      // then
      expect(returned.status, JSON.stringify(returned.body)).to.equal(200);
      expect(returned.body).to.deep.include({ state: 'completed', outcome: 'returned' });
      expect(returned.body.comments.map((m: { kind: string; body: string }) => [m.kind, m.body])).to.deep.equal([['return', '证据不足，补充询问笔录']]);
      const again = await waitUntil(async () => {
        const row = await db()('app.tasks').where({ case_ref: c.ref, element_id: 'investigate', state: 'created' }).first('id');
        return row && Number(row.id) !== firstInvestigation ? Number(row.id) : null;
      }, 15_000, 'the investigation open again');
      expect(again).to.not.equal(firstInvestigation);
    });


    it('completes once for one submission: the same submission answers the same, another one is refused', async () => {
      const c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '壬便利店' });
      const id = await taskId('plan-inspection', c);
      const officer = await platform.signIn('liedong-officer');
      const submissionId = randomUUID();
      const first = await officer.post(`/api/tasks/${id}/complete`).send({ variables: plan(), submissionId });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      // the phone retries after losing the answer
      const second = await officer.post(`/api/tasks/${id}/complete`).send({ variables: plan(), submissionId });
      expect(second.status).to.equal(200);
      expect(second.body).to.deep.include({ id, state: 'completed', outcome: 'completed', completedAt: first.body.completedAt });
      // completed once: one audit entry, one approval task
      expect(Number((await db()('app.audit_log').where({ entity: 'task', entity_id: String(id), action: 'complete' }).count('* as n').first())?.n)).to.equal(1);
      await taskId('approve-inspection', c);
      expect(Number((await db()('app.tasks').where({ case_ref: c.ref, element_id: 'approve-inspection' }).count('* as n').first())?.n)).to.equal(1);
      // a different submission on the completed task, and the same submission for another task
      expect((await officer.post(`/api/tasks/${id}/complete`).send({ variables: plan(), submissionId: randomUUID() })).status).to.equal(409);
      const other = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '癸便利店' });
      expect((await officer.post(`/api/tasks/${await taskId('plan-inspection', other)}/complete`).send({ variables: plan(), submissionId })).status).to.equal(409);
    });


    it('a task the engine canceled leaves the list: completing it answers 409, and reconciliation marks the others', async () => {
      const officer = await platform.signIn('liedong-officer');
      // completing the job of a canceled instance: NOT_FOUND from the engine
      const c1 = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '子便利店' });
      const id1 = await taskId('plan-inspection', c1);
      await platform.zeebe.cancelProcessInstance(c1.pi);
      const refused = await officer.post(`/api/tasks/${id1}/complete`).send({ variables: plan() });
      expect(refused.status).to.equal(409);
      expect((await db()('app.tasks').where({ id: id1 }).first('state')).state).to.equal('canceled');
      // reconciliation from the engine's JOB CANCELED records
      const c2 = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '丑便利店' });
      const id2 = await taskId('plan-inspection', c2);
      expect((await list('liedong-officer', { caseRef: c2.ref })).items.map((t) => t.id)).to.deep.equal([id2]);
      await platform.zeebe.cancelProcessInstance(c2.pi);
      await waitUntil(async () => (await reconcileCanceledTasks(db())) >= 0 && (await db()('app.tasks').where({ id: id2 }).first('state')).state === 'canceled', 10_000, 'the task canceled');
      expect((await list('liedong-officer', { caseRef: c2.ref })).total).to.equal(0);
    });
  });

  describe('form validation on completion', () => {
    let planId: number;

    before(async () => {
      const c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '寅便利店' });
      planId = await taskId('plan-inspection', c);
    });

    const errorsOf = (res: { body: { errors: Array<{ path: string; keyword: string }> } }) => res.body.errors.map((e) => `${e.path} ${e.keyword}`).sort();

    it('names every required field that is missing', async () => {
      const res = await (await platform.signIn('liedong-officer')).post(`/api/tasks/${planId}/complete`).send({ variables: {} });
      expect(res.status).to.equal(400);
      expect(errorsOf(res)).to.deep.equal(['/body/variables/items required', '/body/variables/method required', '/body/variables/officers required', '/body/variables/plannedAt required', '/body/variables/type required']);
    });


    it('refuses an option the form does not offer, an officer not available, and a variable the form does not have', async () => {
      const res = await (await platform.signIn('liedong-officer')).post(`/api/tasks/${planId}/complete`).send({ variables: { ...plan(['liedong-officer', 'shaxian-officer']), type: 'raid', bodyId: 1 } });
      expect(res.status).to.equal(400);
      expect(errorsOf(res)).to.deep.equal(['/body/variables/bodyId additionalProperties', '/body/variables/officers/1 enum', '/body/variables/type enum']);
      // nothing was completed
      expect((await db()('app.tasks').where({ id: planId }).first('state')).state).to.equal('created');
    });


    it('refuses a number out of range and does not require a hidden field (on-site record)', async () => {
      // given: an inspection up to the on-site record
      const c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '卯便利店' });
      const officer = await platform.signIn('liedong-officer');
      await officer.post(`/api/tasks/${await taskId('plan-inspection', c)}/complete`).send({ variables: plan() });
      expect((await (await platform.signIn('liedong-head')).post(`/api/tasks/${await taskId('approve-inspection', c)}/approve`).send({})).status).to.equal(200);
      expect((await officer.post(`/api/tasks/${await taskId('choose-service-method', c)}/complete`).send({ variables: { method: 'direct' } })).status).to.equal(200);
      const served = await officer.post(`/api/tasks/${await taskId('serve-directly', c)}/complete`).send({ variables: { delivered: true, refused: false, recipient: '李某（店长）', receivedAt: now() } });
      expect(served.status, JSON.stringify(served.body)).to.equal(200);
      const id = await taskId('conduct-inspection', c);
      const record = { startedAt: now(), certificatesShown: true, partyPresent: true, findings: '店外堆放货物', signed: false, refusalNoted: '当事人拒绝签字' };
      // a latitude beyond 90°
      const out = await officer.post(`/api/tasks/${id}/complete`).send({ variables: { ...record, location: { latitude: 91, longitude: 117.6 } } });
      expect(out.status).to.equal(400);
      expect(errorsOf(out)).to.deep.equal(['/body/variables/location/latitude maximum']);
      // the witness is hidden when the party is present, the signature when the party did not sign
      const ok = await officer.post(`/api/tasks/${id}/complete`).send({ variables: { ...record, witness: '', location: { latitude: 26.27, longitude: 117.63 } } });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      expect((await db()('app.tasks').where({ id }).first('submitted')).submitted).to.not.have.property('witness');
      await taskId('conclude-inspection', c);
    });
  });

  describe('permissions', () => {
    let c: OpenedCase;
    let officerTask: number;
    let headTask: number;

    before(async () => {
      c = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '辰便利店' });
      officerTask = await taskId('plan-inspection', c);
      const other = await openCase({ body: liedong, procedure: 'inspection', opener: 'liedong-officer', party: '巳便利店' });
      await (await platform.signIn('liedong-officer')).post(`/api/tasks/${await taskId('plan-inspection', other)}/complete`).send({ variables: plan() });
      headTask = await taskId('approve-inspection', other);
    });

    const actions = (id: number): Array<[string, string, Record<string, unknown>]> => [
      ['post', `/api/tasks/${id}/claim`, {}],
      ['post', `/api/tasks/${id}/unclaim`, {}],
      ['post', `/api/tasks/${id}/assign`, { userId: 1 }],
      ['post', `/api/tasks/${id}/delegate`, { userId: 1 }],
      ['get', `/api/tasks/${id}/assignees`, {}],
      ['post', `/api/tasks/${id}/comments`, { body: '意见' }],
      ['post', `/api/tasks/${id}/complete`, { variables: {} }],
      ['post', `/api/tasks/${id}/approve`, {}],
      ['post', `/api/tasks/${id}/reject`, { reason: '理由' }],
      ['post', `/api/tasks/${id}/return`, { reason: '理由' }],
    ];

    async function statuses(login: string | null, id: number): Promise<number[]> {
      const agent = login ? await platform.signIn(login) : platform.anonymous();
      const out: number[] = [];
      for (const [method, url, body] of [['get', `/api/tasks/${id}`, {}] as [string, string, Record<string, unknown>], ...actions(id)]) {
        const res = method === 'get' ? await agent.get(url) : await agent.post(url).send(body);
        out.push(res.status);
      }
      return out;
    }

    it('answers 401 to anonymous callers', async () => {
      expect(await statuses(null, officerTask)).to.deep.equal(Array(11).fill(401));
      expect((await platform.anonymous().get('/api/tasks')).status).to.equal(401);
      expect((await platform.anonymous().get('/api/forms/approve')).status).to.equal(401);
    });


    it('answers 404 to users of another county', async () => {
      expect(await statuses('shaxian-officer', officerTask)).to.deep.equal(Array(11).fill(404));
      expect(await statuses('shaxian-supervisor', officerTask)).to.deep.equal(Array(11).fill(404));
    });


    it('answers 403 to officers of another body of the county, and to the body’s users without the task’s role', async () => {
      expect(await statuses('sanyuan-officer', officerTask)).to.deep.equal(Array(11).fill(403));
      expect(await statuses('liedong-reviewer', officerTask)).to.deep.equal(Array(11).fill(403));
      // an officer may read nothing of the head's approval and do nothing with it
      expect(await statuses('liedong-officer', headTask)).to.deep.equal(Array(11).fill(403));
    });


    it('lets supervisors read tasks in their subtree but not act; process designers neither', async () => {
      for (const login of ['liedong-supervisor', 'sanyuan-supervisor', 'city-supervisor', 'liedong-admin']) {
        const read = await (await platform.signIn(login)).get(`/api/tasks/${officerTask}`);
        expect(read.status, login).to.equal(200);
        expect(Object.values(read.body.actions as Record<string, boolean>).some(Boolean), login).to.equal(false);
        expect((await statuses(login, officerTask)).slice(1), login).to.deep.equal(Array(10).fill(403));
      }
      expect(await statuses('liedong-designer', officerTask)).to.deep.equal(Array(11).fill(403));
      for (const login of ['liedong-supervisor', 'liedong-designer', 'liedong-admin']) {
        expect((await (await platform.signIn(login)).get('/api/tasks')).status, login).to.equal(403);
      }
    });


    it('lets only the head assign, only the assignee or the head unclaim and delegate, and refuses completing a task another holds', async () => {
      const officer = await platform.signIn('liedong-officer');
      const officer2 = await platform.signIn('liedong-officer2');
      const officer2Id = await platform.userId('liedong-officer2');
      expect((await officer.post(`/api/tasks/${officerTask}/assign`).send({ userId: officer2Id })).status).to.equal(403);
      expect((await officer.post(`/api/tasks/${officerTask}/claim`).send({})).status).to.equal(200);
      expect((await officer2.post(`/api/tasks/${officerTask}/unclaim`).send({})).status).to.equal(403);
      expect((await officer2.post(`/api/tasks/${officerTask}/delegate`).send({ userId: officer2Id })).status).to.equal(403);
      expect((await officer2.get(`/api/tasks/${officerTask}/assignees`)).status).to.equal(403);
      expect((await officer2.post(`/api/tasks/${officerTask}/complete`).send({ variables: plan() })).status).to.equal(409);
      // the head may not complete an officer's task, nor assign it to a user of another body or role
      const head = await platform.signIn('liedong-head');
      expect((await head.post(`/api/tasks/${officerTask}/complete`).send({ variables: plan() })).status).to.equal(403);
      const toOther = await head.post(`/api/tasks/${officerTask}/assign`).send({ userId: await platform.userId('sanyuan-officer') });
      expect(toOther.status).to.equal(400);
      expect((await head.post(`/api/tasks/${officerTask}/assign`).send({ userId: await platform.userId('liedong-reviewer') })).status).to.equal(400);
      // approve/reject/return only where the form and the BPMN have them
      expect((await officer.post(`/api/tasks/${officerTask}/approve`).send({})).status).to.equal(409);
      expect((await officer.post(`/api/tasks/${officerTask}/return`).send({ reason: '退回' })).status).to.equal(409);
    });


    it('refuses to delegate an officer task to an officer without a 执法证 valid today, and says so in the assignees', async () => {
      // given: a task of the city's urban management bureau, where 李执法's certificate expired at the end of 2025
      const cityCase = await openCase({ body: city, procedure: 'inspection', opener: 'city-officer', party: '午便利店' });
      const id = await taskId('plan-inspection', cityCase);
      const officer = await platform.signIn('city-officer');
      expect((await officer.post(`/api/tasks/${id}/claim`).send({})).status).to.equal(200);
      const expiredId = await platform.userId('city-officer2');
      const assignees = await officer.get(`/api/tasks/${id}/assignees`);
      expect(assignees.body.find((u: { id: number }) => u.id === expiredId)).to.deep.include({ certificateValid: false });
      // when
      const res = await officer.post(`/api/tasks/${id}/delegate`).send({ userId: expiredId });
      // then
      expect(res.status).to.equal(400);
      expect(res.body.errors).to.deep.equal([{ path: '/body/userId', message: 'holds no enforcement certificate valid today for the case’s field', keyword: 'certificate' }]);
      expect(res.body.detail).to.match(/valid on 20\d\d-\d\d-\d\d, but certificate 35040020210002/);
      expect((await db()('app.tasks').where({ id }).first('assignee_id')).assignee_id).to.equal(await platform.userId('city-officer'));
    });
  });

  describe('GET /forms/:formId', () => {
    it('gives a form of processes/forms to a signed-in user', async () => {
      const res = await (await platform.signIn('liedong-officer')).get('/api/forms/approve');
      expect(res.status).to.equal(200);
      expect(res.body.id).to.equal('approve');
      expect(res.body.components.map((c: { key?: string }) => c.key).filter(Boolean)).to.deep.equal(['approved', 'opinion', 'rejectionReason', 'decidedAt']);
    });


    it('answers 404 for unknown ids and for ids that try to leave the folder', async () => {
      const agent = await platform.signIn('liedong-officer');
      for (const id of ['no-such-form', '..%2F..%2Fpackage', '%2e%2e%2fapprove', 'approve.form']) {
        expect((await agent.get(`/api/forms/${id}`)).status, id).to.equal(404);
      }
    });
  });
});
