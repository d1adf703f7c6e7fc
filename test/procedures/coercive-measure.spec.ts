/**
 * coercive-measure (processes/coercive-measure.bpmn): 查封、扣押、冻结 under 《行政强制法》第三章, end to end on the engine
 * with its controlled clock, the real workers and the 三明 demo data (三元区城市管理局, officers 赵执法 and 孙执法 with
 * valid 执法证). Due dates are asserted exactly as the workers stored them (app.deadlines) and the timers are shown to
 * fire at them; the documents as app.documents holds them (kind, 文号, PDF and DOCX with SHA-256).
 */
import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import {
  activated, alerts, approval, documentsOf, expectPdfAndDocx, hasReached, serveDirectly, serviceRecords, storedDeadline, taskInTree,
} from './support/coercion-steps.js';

describe('coercive-measure: 查封、扣押、冻结 (《行政强制法》第十八条至第三十三条)', () => {
  const p = useProcedures('coercive-measure');
  let bodyId: number;

  before(async () => {
    bodyId = await p.bodyId('三元区城市管理局');
  });

  const party = { type: 'natural-person', name: '陈某某', address: '三明市三元区列东街88号', idNumber: '350402199001011234' };
  const remedies = { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' };
  const inventory = [
    { name: '铁制货架', specification: '1.2米×0.6米', quantity: 2, unit: '个', condition: '八成新' },
    { name: '电子秤', quantity: 1, unit: '台', condition: '完好' },
  ];
  const SEIZURE_NUMBER = /^三元区城市管理局强制〔2026〕\d+号$/;

  function measureCase(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      caseId: id,
      measureId: `${id}/m1`,
      bodyId,
      field: 'urban-management',
      party,
      remedies,
      officers: ['sanyuan-officer', 'sanyuan-officer2'],
      actAt: '2026-09-02T10:00:00+08:00',
      measure: {
        kind: 'seize',
        reason: '当事人占用城市道路摆摊经营，经责令改正拒不改正',
        basis: '《中华人民共和国行政强制法》第九条、第二十二条；《城市道路管理条例》第二十七条',
        location: '三明市三元区列东街88号门前人行道',
      },
      onTheSpot: false,
      ...extra,
    };
  }

  /** The officers carry out the measure at `startedAt` (on-site record, inventory, signatures), recorded a little later. */
  async function carryOut(pi: string, startedAt: string, extra: Record<string, unknown> = {}): Promise<void> {
    await p.advanceTo(new Date(Date.parse(startedAt) + 30 * 60_000).toISOString());
    await p.complete(pi, 'carry-out-measure', {
      startedAt, certificatesShown: true, partyPresent: true, witness: '无', statementHeard: true,
      findings: '当事人在列东街88号门前人行道摆放货架经营水果，占道面积约6平方米，经当场责令改正拒不改正', inventory, signed: true, ...extra,
    });
  }

  it('prior approval: approved by the head, seized by two certified officers with an inventory, the 扣押决定书 delivered on the spot; the 30 days end on 8 October (the 30th day is in the National Day holiday) and the decision on that day is in time', async () => {
    // given: the head approves before the act (Art 18(1))
    p.startAt('2026-09-02T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-001'));
    const approvalTask = await p.task(pi, 'approve-measure');
    expect(approvalTask.headers).to.include({ 'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:approve', 'io.camunda.zeebe:candidateGroups': `["${bodyId}:head"]` });
    await p.complete(pi, 'approve-measure', approval('2026-09-02T09:30:00+08:00'));

    // when: two certified officers seize the goods at 10:00 (Art 18, 24)
    await carryOut(pi, '2026-09-02T10:00:00+08:00');

    // then: 30 calendar days from 2 September end on Friday 2 October, a holiday: the period ends on Thursday 8 October
    const decide = await p.task(pi, 'decide-measure-outcome');
    const limit = await storedDeadline(p, pi, 'measureLimit');
    expect(limit).to.deep.include({ start: '2026-09-02T10:00:00.000+08:00', length: 30, unit: 'CD', due: '2026-10-08T23:59:59.999+08:00', dueDate: '2026-10-08', legalBasis: '《行政强制法》第二十五条、第三十二条', status: 'running' });
    expect(decide.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-08T23:59:59.999+08:00');
    expect(decide.variables.deadlines).to.deep.include({ measureLimit: '2026-10-08T23:59:59.999+08:00', measureLimitWarning: '2026-10-03T23:59:59.999+08:00' });

    // and the 查封（扣押）决定书 with its inventory was delivered on the spot, signed by the party (Art 24)
    const [decision] = await documentsOf(p, pi);
    expect(decision).to.deep.include({ kind: 'seizure-decision' });
    expect(decision!.number).to.match(SEIZURE_NUMBER);
    expect(decision!.fields).to.deep.include({ measure: '扣押', partyName: '陈某某', location: '三明市三元区列东街88号门前人行道', periodStart: '2026-09-03', periodEnd: '2026-10-02', periodDays: 30, reconsiderationAuthority: '三明市三元区人民政府' });
    expect(decision!.fields.items).to.deep.equal(inventory);
    expect(await serviceRecords(p, pi)).to.deep.equal([{ kind: 'seizure-decision', method: 'direct', recipient: '陈某某', servedAt: '2026-09-02T10:00:00.000+08:00' }]);

    // when: the 临期 warning falls due five days before (a platform setting)
    await p.advanceTo('2026-10-03T23:59:59.999+08:00');
    await p.reached(pi, 'alert-measure-near-expiry');
    expect(await alerts(p, pi)).to.deep.equal([{ deadline: 'measureLimit', level: 'near-due', raisedAt: '2026-10-03T23:59:59.999+08:00' }]);

    // and the head decides on the last day of the period: confiscation (Art 27)
    await p.advanceTo('2026-10-08T10:00:00+08:00');
    await p.complete(pi, 'decide-measure-outcome', { outcome: 'confiscate-by-decision', reason: '经查，扣押的货架、电子秤系当事人占道经营的工具，依法予以没收' });
    await serveDirectly(p, pi, '陈某某', '2026-10-08T10:00:00+08:00');

    // then
    await p.finished(pi);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['seizure-decision', 'measure-outcome-decision']);
    expect(documents[1]!.number).to.match(/^三元区城市管理局强处〔2026〕\d+号$/);
    expect(documents[1]!.fields).to.deep.include({ outcome: '没收', decisionNumber: decision!.number, measure: '扣押' });
    expectPdfAndDocx(documents);
    expect((await serviceRecords(p, pi)).map((s) => s.kind)).to.deep.equal(['seizure-decision', 'measure-outcome-decision']);
    expect(await hasReached(p, pi, 'measure-expired')).to.equal(false);
    await p.expectNoIncidents(pi);
  });


  it('the head refuses the prior approval: nothing is seized', async () => {
    p.startAt('2026-09-02T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-002'));
    await p.complete(pi, 'approve-measure', approval('2026-09-02T09:30:00+08:00', false, '占道情节轻微，责令改正即可（《行政强制法》第十六条第二款）'));
    await p.finished(pi);
    expect(await hasReached(p, pi, 'measure-refused')).to.equal(true);
    expect(await documentsOf(p, pi)).to.deep.equal([]);
  });


  it('the period runs out without a decision: the expiry timer fires at the end of the 30th day, the measure is lifted and the 解除决定书 served (Art 28(1)(四))', async () => {
    // given: seized on Monday 28 September
    p.startAt('2026-09-28T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-003', { actAt: '2026-09-28T10:00:00+08:00' }));
    await p.complete(pi, 'approve-measure', approval('2026-09-28T09:30:00+08:00'));
    await carryOut(pi, '2026-09-28T10:00:00+08:00');
    await p.task(pi, 'decide-measure-outcome');
    expect((await storedDeadline(p, pi, 'measureLimit')).due).to.equal('2026-10-28T23:59:59.999+08:00');

    // when: five days before, the 临期 warning; then the last instant of 28 October passes
    await p.advanceTo('2026-10-23T23:59:59.999+08:00');
    await p.reached(pi, 'alert-measure-near-expiry');
    await p.advanceTo('2026-10-28T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'measure-expired')).to.equal(false);
    await p.advanceTo('2026-10-28T23:59:59.999+08:00');

    // then: the overdue alert at the due instant, the deadline is marked overdue, the officer lifts the measure
    await p.reached(pi, 'alert-measure-expired');
    expect(await alerts(p, pi)).to.deep.equal([
      { deadline: 'measureLimit', level: 'near-due', raisedAt: '2026-10-23T23:59:59.999+08:00' },
      { deadline: 'measureLimit', level: 'overdue', raisedAt: '2026-10-28T23:59:59.999+08:00' },
    ]);
    expect((await storedDeadline(p, pi, 'measureLimit')).status).to.equal('overdue');
    await p.advanceTo('2026-10-29T10:00:00+08:00');
    await p.complete(pi, 'release-measure', { releasedAt: '2026-10-29T09:00:00+08:00', returned: '货架2个、电子秤1台已当场退还当事人，当事人签收' });
    await serveDirectly(p, pi, '陈某某', '2026-10-29T09:30:00+08:00');
    await p.finished(pi);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['seizure-decision', 'release-decision']);
    expect(documents[1]!.number).to.match(/^三元区城市管理局解强〔2026〕\d+号$/);
    expect(documents[1]!.fields).to.deep.include({ ground: '查封、扣押期限已经届满', releasedAt: '2026-10-29', measure: '扣押' });
    expectPdfAndDocx(documents);
    expect(await hasReached(p, pi, 'measure-released')).to.equal(true);
  });


  it('on the spot in an emergency, reported within 24 hours (on National Day) and approved; later released by decision (Art 19, 28)', async () => {
    // given: the evening before National Day, an emergency: act first (Art 19)
    p.startAt('2026-09-30T19:50:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-004', { onTheSpot: true, actAt: '2026-09-30T20:00:00+08:00' }));
    await carryOut(pi, '2026-09-30T20:00:00+08:00');

    // then: 24 clock hours, holiday or not (Art 19)
    const report = await p.task(pi, 'approve-measure-afterwards');
    expect(report.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-01T20:00:00.000+08:00');
    expect(await storedDeadline(p, pi, 'measureReportBack')).to.deep.include({ unit: 'H', length: 24, due: '2026-10-01T20:00:00.000+08:00', legalBasis: '《行政强制法》第十九条' });

    // when: reported and approved the next morning
    await p.advanceTo('2026-10-01T09:00:00+08:00');
    await p.complete(pi, 'approve-measure-afterwards', approval('2026-10-01T09:00:00+08:00'));

    // then: the 30 days run from the act: 30 October
    await p.task(pi, 'decide-measure-outcome');
    expect((await storedDeadline(p, pi, 'measureLimit')).due).to.equal('2026-10-30T23:59:59.999+08:00');
    await p.advanceTo('2026-10-01T20:00:00+08:00');
    expect(await hasReached(p, pi, 'report-back-overdue')).to.equal(false);

    // when: the head decides to lift it (the matter is settled, Art 28(1)(三))
    await p.advanceTo('2026-10-12T10:00:00+08:00');
    await p.complete(pi, 'decide-measure-outcome', { outcome: 'release', reason: '行政机关对违法行为已经作出处理决定，不再需要扣押' });
    await p.complete(pi, 'release-measure', { releasedAt: '2026-10-12T10:00:00+08:00', returned: '扣押物品已全部退还当事人' });
    await serveDirectly(p, pi, '陈某某', '2026-10-12T10:00:00+08:00');

    // then
    await p.finished(pi);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['seizure-decision', 'release-decision']);
    expect(documents[1]!.fields).to.deep.include({ ground: '行政机关对违法行为已经作出处理决定，不再需要扣押', releasedAt: '2026-10-12' });
    expect(await alerts(p, pi)).to.deep.equal([]);
  });


  it('on the spot before the Spring Festival, not reported within 24 hours: the overdue alert fires at the 24th hour; the head refuses and the measure is lifted at once (Art 19)', async () => {
    // given: Friday 13 February 2026, 18:00
    p.startAt('2026-02-13T17:50:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-005', { onTheSpot: true, actAt: '2026-02-13T18:00:00+08:00' }));
    await carryOut(pi, '2026-02-13T18:00:00+08:00');
    await p.task(pi, 'approve-measure-afterwards');
    expect((await storedDeadline(p, pi, 'measureReportBack')).due).to.equal('2026-02-14T18:00:00.000+08:00');

    // when: 24 hours pass without the report
    await p.advanceTo('2026-02-14T17:59:59.999+08:00');
    expect(await hasReached(p, pi, 'report-back-overdue')).to.equal(false);
    await p.advanceTo('2026-02-14T18:00:00+08:00');

    // then: the alert (non-interrupting: the approval is still due)
    await p.reached(pi, 'alert-report-back-overdue');
    expect(await alerts(p, pi)).to.deep.equal([{ deadline: 'measureReportBack', level: 'overdue', raisedAt: '2026-02-14T18:00:00.000+08:00' }]);

    // when: the head, told at last, does not approve: lift at once
    await p.advanceTo('2026-02-14T19:00:00+08:00');
    await p.complete(pi, 'approve-measure-afterwards', approval('2026-02-14T19:00:00+08:00', false, '不属于情况紧急，不应当当场实施'));
    await p.complete(pi, 'release-measure', { releasedAt: '2026-02-14T19:30:00+08:00', returned: '扣押物品已退还当事人' });
    await serveDirectly(p, pi, '陈某某', '2026-02-14T19:30:00+08:00');

    // then: no 30-day clock was ever started
    await p.finished(pi);
    expect(await hasReached(p, pi, 'compute-measure-limit')).to.equal(false);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['seizure-decision', 'release-decision']);
    expect(documents[1]!.fields).to.deep.include({ ground: '行政机关负责人认为不应当采取', releasedAt: '2026-02-14' });
    expectPdfAndDocx(documents);
  });


  it('officers without a valid certificate are replaced; the period is extended by 30 days with approval and written notice and ends after New Year 2027 (Art 17, 25)', async () => {
    // given: one officer's 执法证 expired at the end of 2025 and he belongs to another body (measures cannot be delegated)
    p.startAt('2026-11-02T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-006', { officers: ['sanyuan-officer', 'city-officer2'], actAt: '2026-11-02T10:00:00+08:00' }));
    await p.complete(pi, 'approve-measure', approval('2026-11-02T09:10:00+08:00'));

    // when
    const replace = await p.task(pi, 'replace-measure-officers');
    expect(replace.variables.officersCheck).to.not.equal(undefined);
    await p.complete(pi, 'replace-measure-officers', { officers: ['sanyuan-officer', 'sanyuan-officer2'] });
    await carryOut(pi, '2026-11-02T10:00:00+08:00');
    await p.task(pi, 'decide-measure-outcome');
    expect((await storedDeadline(p, pi, 'measureLimit')).due).to.equal('2026-12-02T23:59:59.999+08:00');

    // when: the case is complex: an extension is asked for and approved (Art 25(1))
    await p.advanceTo('2026-11-25T10:00:00+08:00');
    await p.publish('measure-extension-requested', 'QZ-2026-006/m1', { extensionRequest: { length: 30, reason: '涉案物品来源需向外地市场监管部门协查，案情复杂' } });
    await p.complete(pi, 'approve-measure-extension', approval('2026-11-25T10:00:00+08:00'));
    await serveDirectly(p, pi, '陈某某', '2026-11-25T11:00:00+08:00');

    // then: 30 + 30 days end on Friday 1 January 2027 (元旦), so on Monday 4 January 2027
    await activated(p, pi, 'decide-measure-outcome', 2);
    const decide = await p.task(pi, 'decide-measure-outcome');
    const limit = await storedDeadline(p, pi, 'measureLimit');
    expect(limit).to.deep.include({ due: '2027-01-04T23:59:59.999+08:00', status: 'running' });
    expect(limit.extensions).to.deep.equal([{ length: 30, unit: 'CD', approvedAt: '2026-11-25T10:00:00+08:00', reason: '涉案物品来源需向外地市场监管部门协查，案情复杂' }]);
    expect(decide.headers['io.camunda.zeebe:dueDate']).to.equal('2027-01-04T23:59:59.999+08:00');
    const notice = (await documentsOf(p, pi)).find((d) => d.kind === 'measure-extension-notice')!;
    expect(notice.number).to.match(/^三元区城市管理局延告〔2026〕\d+号$/);
    expect(notice.fields).to.deep.include({ originalEnd: '2026-12-02', extensionDays: 30, approvedAt: '2026-11-25', measure: '扣押', reasons: '涉案物品来源需向外地市场监管部门协查，案情复杂' });

    // and the old end passes without an alert
    await p.advanceTo('2026-12-03T10:00:00+08:00');
    expect(await hasReached(p, pi, 'measure-expired')).to.equal(false);
    expect(await alerts(p, pi)).to.deep.equal([]);

    // when: destroyed by decision before the new end (Art 27)
    await p.advanceTo('2026-12-28T10:00:00+08:00');
    await p.complete(pi, 'decide-measure-outcome', { outcome: 'destroy', reason: '经鉴定扣押物品为不符合安全标准的物品，依法予以销毁' });
    await serveDirectly(p, pi, '陈某某', '2026-12-28T10:00:00+08:00');

    // then
    await p.finished(pi);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['seizure-decision', 'measure-extension-notice', 'measure-outcome-decision']);
    expect(documents[2]!.fields).to.include({ outcome: '销毁' });
    expectPdfAndDocx(documents);
  });


  it('testing time does not count: a testing period fixed and notified in writing moves the end, and moves it back when the testing ends early (Art 25(3))', async () => {
    // given: seized on Monday 7 September: the 30 days would end on 7 October (holiday), so on 8 October
    p.startAt('2026-09-07T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-007', { actAt: '2026-09-07T10:00:00+08:00' }));
    await p.complete(pi, 'approve-measure', approval('2026-09-07T09:30:00+08:00'));
    await carryOut(pi, '2026-09-07T10:00:00+08:00');
    await p.task(pi, 'decide-measure-outcome');
    expect((await storedDeadline(p, pi, 'measureLimit')).due).to.equal('2026-10-08T23:59:59.999+08:00');

    // when: the goods go to a laboratory from 10 to 19 September; the party is told in writing
    await p.advanceTo('2026-09-10T09:00:00+08:00');
    await p.publish('measure-testing-started', 'QZ-2026-007/m1', { testing: { id: 'T1', from: '2026-09-10', to: '2026-09-19', kind: 'testing', body: '福建省产品质量检验研究院' } });
    await serveDirectly(p, pi, '陈某某', '2026-09-10T09:00:00+08:00');

    // then: ten days do not count: the 30th day is Saturday 17 October, so Monday 19 October
    await activated(p, pi, 'decide-measure-outcome', 2);
    let limit = await storedDeadline(p, pi, 'measureLimit');
    expect(limit.due).to.equal('2026-10-19T23:59:59.999+08:00');
    expect(limit.paused).to.deep.equal([{ id: 'T1', from: '2026-09-10', to: '2026-09-19', reason: 'testing-appraisal' }]);

    // when: the laboratory reports on 16 September: the same period, with its real end
    await p.advanceTo('2026-09-16T17:00:00+08:00');
    await p.publish('measure-testing-started', 'QZ-2026-007/m1', { testing: { id: 'T1', from: '2026-09-10', to: '2026-09-16', kind: 'testing', body: '福建省产品质量检验研究院' } });
    await serveDirectly(p, pi, '陈某某', '2026-09-16T17:00:00+08:00');

    // then: seven days do not count: Wednesday 14 October
    await activated(p, pi, 'decide-measure-outcome', 3);
    limit = await storedDeadline(p, pi, 'measureLimit');
    expect(limit.due).to.equal('2026-10-14T23:59:59.999+08:00');
    expect(limit.paused).to.have.length(1);
    const notices = (await documentsOf(p, pi)).filter((d) => d.kind === 'testing-period-notice');
    expect(notices.map((n) => [n.fields.testingFrom, n.fields.testingTo, n.fields.testingKind])).to.deep.equal([['2026-09-10', '2026-09-19', '检测'], ['2026-09-10', '2026-09-16', '检测']]);
    expectPdfAndDocx(notices);

    // when: the first end (8 October) passes, then the moved one
    await p.advanceTo('2026-10-08T23:59:59.999+08:00');
    expect(await hasReached(p, pi, 'measure-expired')).to.equal(false);
    await p.advanceTo('2026-10-14T23:59:59.999+08:00');

    // then: the expiry timer fires at the moved end
    await p.reached(pi, 'alert-measure-expired');
    expect((await alerts(p, pi)).find((a) => a.level === 'overdue')).to.deep.equal({ deadline: 'measureLimit', level: 'overdue', raisedAt: '2026-10-14T23:59:59.999+08:00' });
    await p.advanceTo('2026-10-15T09:30:00+08:00');
    await p.complete(pi, 'release-measure', { releasedAt: '2026-10-15T09:00:00+08:00', returned: '扣押物品经检测合格，已退还当事人' });
    await serveDirectly(p, pi, '陈某某', '2026-10-15T09:30:00+08:00');
    await p.finished(pi);
  });


  it('freezing: the 冻结决定书 is due to the party within 3 working days (the 3rd is the make-up Saturday 10 October), the bank gets its notice; the 30 days lapse and the deposit is unfrozen (Art 30–33)', async () => {
    // given
    p.startAt('2026-09-29T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measureCase('QZ-2026-008', {
      party: { type: 'organisation', name: '三明市某某建材有限公司', address: '三明市三元区富兴路12号', idNumber: '91350400MA2Y000001' },
      actAt: '2026-09-30T10:00:00+08:00',
      measure: { kind: 'freeze', reason: '当事人拒不缴纳罚款并有转移存款迹象', basis: '《中华人民共和国行政强制法》第二十九条；（法律规定的冻结权）', bankName: '中国农业银行三明分行', account: '13800101040012345', amount: 50000 },
    }));
    await p.complete(pi, 'approve-measure', approval('2026-09-29T16:00:00+08:00'));
    await carryOut(pi, '2026-09-30T10:00:00+08:00', { inventory: null, findings: '执法人员持冻结通知书到中国农业银行三明分行办理冻结' });

    // then: the decision, numbered in its own sequence, and the bank's notice
    await taskInTree(p, pi, 'choose-service-method');
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['freeze-decision', 'freeze-notice']);
    expect(documents[0]!.number).to.match(/^三元区城市管理局冻〔2026〕\d+号$/);
    expect(documents[0]!.fields).to.deep.include({ bankName: '中国农业银行三明分行', account: '13800101040012345', amount: 50000, periodStart: '2026-10-01', periodEnd: '2026-10-30' });
    expect(documents[1]!.number).to.match(/^三元区城市管理局冻通〔2026〕\d+号$/);
    expect(documents[1]!.fields).to.deep.include({ decisionNumber: documents[0]!.number });
    expectPdfAndDocx(documents);

    // and 3 working days from Wednesday 30 September: 8, 9 and the make-up working Saturday 10 October
    expect(await storedDeadline(p, pi, 'freezeDecisionService')).to.deep.include({ length: 3, unit: 'WD', due: '2026-10-10T23:59:59.999+08:00', legalBasis: '《行政强制法》第三十一条' });

    // when: not delivered by then
    await p.advanceTo('2026-10-10T23:59:59.999+08:00');
    await p.reached(pi, 'alert-freeze-decision-service-overdue');
    expect(await alerts(p, pi)).to.deep.equal([{ deadline: 'freezeDecisionService', level: 'overdue', raisedAt: '2026-10-10T23:59:59.999+08:00' }]);
    await p.advanceTo('2026-10-12T09:30:00+08:00');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-10-12T09:00:00+08:00');

    // then: 30 days from the freeze: Friday 30 October; the expiry fires then and the deposit is unfrozen
    await p.task(pi, 'decide-measure-outcome');
    expect((await storedDeadline(p, pi, 'measureLimit')).due).to.equal('2026-10-30T23:59:59.999+08:00');
    await p.advanceTo('2026-10-30T23:59:59.999+08:00');
    await p.reached(pi, 'alert-measure-expired');
    await p.advanceTo('2026-11-02T09:30:00+08:00');
    await p.complete(pi, 'release-measure', { releasedAt: '2026-11-02T09:00:00+08:00', returned: '已通知中国农业银行三明分行解除冻结', bankNotified: true });
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-11-02T09:30:00+08:00');
    await p.finished(pi);
    const all = await documentsOf(p, pi);
    expect(all.map((d) => d.kind)).to.deep.equal(['freeze-decision', 'freeze-notice', 'unfreeze-decision']);
    expect(all[2]!.fields).to.deep.include({ ground: '冻结期限已经届满', decisionNumber: documents[0]!.number, amount: 50000 });
  });

});
