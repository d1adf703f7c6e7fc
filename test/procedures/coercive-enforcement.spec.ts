/**
 * coercive-enforcement (processes/coercive-enforcement.bpmn): 行政机关强制执行 under 《行政强制法》第四章第一节、第三节,
 * end to end on the engine with its controlled clock and the real workers, for 三元区城市管理局 (the body is assumed to
 * hold enforcement power by law, Art 13). Every document is served through the service-of-documents call activity,
 * directly as Art 38 requires for the 催告书 and the decisions.
 */
import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import { activated, alerts, approval, documentsOf, expectPdfAndDocx, hasReached, serveDirectly, serviceRecords, storedDeadline } from './support/coercion-steps.js';

describe('coercive-enforcement: 行政机关强制执行 (《行政强制法》第三十四条至第五十二条)', () => {
  const p = useProcedures('coercive-enforcement');
  let bodyId: number;

  before(async () => {
    bodyId = await p.bodyId('三元区城市管理局');
  });

  const party = { type: 'organisation', name: '三明市某某餐饮有限公司', address: '三明市三元区列东街66号', idNumber: '91350400MA2Y000066' };
  const remedies = { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' };
  const fine = {
    kind: 'payment', amount: 5000, surcharge: { amount: 1500, totalDue: 6500 }, description: '缴纳罚款人民币5000元',
    decisionNumber: '三元区城市管理局罚决〔2026〕8号', decisionDate: '2026-08-10',
  };
  const removal = {
    kind: 'act', description: '清除在列东街66号门前人行道违法堆放的建筑垃圾', decisionTitle: '责令限期改正决定书',
    decisionNumber: '三元区城市管理局责改〔2026〕3号', decisionDate: '2026-08-20',
  };

  function enforcementCase(id: string, obligation: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { caseId: id, bodyId, field: 'urban-management', party, remedies, obligation, enforcementBasis: '《城市市容和环境卫生管理条例》第三十七条', ...extra };
  }

  it('demand, statement and defence, enforcement decision, service, execution: the 10 working days of the 催告书 run over the Mid-Autumn and National Day holidays (Art 35–38)', async () => {
    // given: the fine was not paid; the 催告书 is issued and served by hand on Thursday 24 September
    p.startAt('2026-09-24T09:00:00+08:00');
    const pi = await p.start('coercive-enforcement', enforcementCase('QZZX-2026-001', fine));
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-09-24T10:00:00+08:00');

    // then: 10 working days after service, skipping 25–27 September and 1–7 October, counting Saturday 10 October
    await p.reached(pi, 'compute-demand-deadline');
    expect(await storedDeadline(p, pi, 'demandPerformance')).to.deep.include({
      start: '2026-09-24T10:00:00.000+08:00', length: 10, unit: 'WD', due: '2026-10-15T23:59:59.999+08:00', legalBasis: '《行政强制法》第三十五条、第六十九条',
    });
    const [demand] = await documentsOf(p, pi);
    expect(demand!.kind).to.equal('enforcement-demand');
    expect(demand!.number).to.match(/^三元区城市管理局催告〔2026〕\d+号$/);
    expect(demand!.fields).to.deep.include({
      decisionNumber: '三元区城市管理局罚决〔2026〕8号', decisionDate: '2026-08-10', obligation: '缴纳罚款人民币5000元', performWithin: '自收到本催告书之日起10个工作日内',
      monetary: true, amount: 6500, surchargeAmount: 1500, paymentMethod: '一次性缴纳至指定账户',
    });

    // when: the party states its case; the officer reviews it (Art 36)
    await p.advanceTo('2026-09-29T15:00:00+08:00');
    await p.publish('enforcement-statement-received', 'QZZX-2026-001', { statement: { text: '经营困难，请求减免加处罚款', receivedAt: '2026-09-29T15:00:00+08:00' } });
    await p.complete(pi, 'review-enforcement-statement', { adopted: false, opinion: '当事人所述不构成不履行的正当理由，不予采纳', reviewedAt: '2026-09-30T10:00:00+08:00' });

    // and the period runs out without payment
    await p.advanceTo('2026-10-15T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'demand-period-elapsed')).to.equal(false);
    await p.advanceTo('2026-10-15T23:59:59.999+08:00');
    await p.reached(pi, 'demand-period-elapsed', 'ELEMENT_COMPLETED');

    // then: the head decides to enforce by transfer from the party's account (Art 37, 47)
    await p.advanceTo('2026-10-16T09:00:00+08:00');
    await p.complete(pi, 'decide-enforcement', { route: 'enforce', method: 'transfer', executeAt: '2026-10-19T09:00:00+08:00', reasons: '当事人经催告逾期仍不履行，且无正当理由', decidedAt: '2026-10-16T09:00:00+08:00' });
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-10-16T10:00:00+08:00');
    await p.advanceTo('2026-10-19T10:00:00+08:00');
    await p.complete(pi, 'execute-enforcement', { executedAt: '2026-10-19T09:30:00+08:00', method: '划拨', result: '已通知中国农业银行三明分行划拨存款6500元', onSiteOfficial: '赵执法' });

    // then
    await p.finished(pi);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['enforcement-demand', 'enforcement-decision']);
    expect(documents[1]!.number).to.match(/^三元区城市管理局强执〔2026〕\d+号$/);
    expect(documents[1]!.fields).to.deep.include({
      immediate: false, demandServedDate: '2026-09-24', method: '划拨存款、汇款', executeAt: '2026-10-19T09:00:00+08:00', decisionNumber: '三元区城市管理局罚决〔2026〕8号',
      legalBasis: '《城市市容和环境卫生管理条例》第三十七条', reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院',
    });
    expectPdfAndDocx(documents);
    expect((await serviceRecords(p, pi)).map((s) => [s.kind, s.method])).to.deep.equal([['enforcement-demand', 'direct'], ['enforcement-decision', 'direct']]);
    expect(await hasReached(p, pi, 'enforcement-completed')).to.equal(true);
  });


  it('performance during the demand period ends the procedure without enforcement', async () => {
    p.startAt('2026-09-24T09:00:00+08:00');
    const pi = await p.start('coercive-enforcement', enforcementCase('QZZX-2026-002', fine));
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-09-24T10:00:00+08:00');
    await p.reached(pi, 'await-performance', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-10-09T11:00:00+08:00');
    await p.publish('obligation-performed', 'QZZX-2026-002', { performedAt: '2026-10-09T11:00:00+08:00' });
    await p.finished(pi);
    expect(await hasReached(p, pi, 'enforcement-not-needed')).to.equal(true);
    expect((await documentsOf(p, pi)).map((d) => d.kind)).to.deep.equal(['enforcement-demand']);
  });


  it('substitute performance (代履行): decision and a demand served, carried out only after 3 working days, which end on the make-up Saturday after National Day (Art 50, 51)', async () => {
    // given: an order to clear building waste from the pavement, not obeyed; demand served Tuesday 8 September
    p.startAt('2026-09-08T09:00:00+08:00');
    const pi = await p.start('coercive-enforcement', enforcementCase('QZZX-2026-003', removal));
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-09-08T10:00:00+08:00');

    // then: 10 working days count Sunday 20 September, a make-up working day
    await p.reached(pi, 'compute-demand-deadline');
    expect((await storedDeadline(p, pi, 'demandPerformance')).due).to.equal('2026-09-21T23:59:59.999+08:00');
    const demandFields = (await documentsOf(p, pi))[0]!.fields;
    expect(demandFields).to.include({ monetary: false, performanceMethod: '自行履行并告知本机关', decisionTitle: '责令限期改正决定书' });
    expect(demandFields).to.not.have.property('amount');

    // when: not done: the head decides substitute performance
    await p.advanceTo('2026-09-21T23:59:59.999+08:00');
    await p.advanceTo('2026-09-22T10:00:00+08:00');
    await p.complete(pi, 'decide-enforcement', {
      route: 'enforce', method: 'substitute', executeAt: '2026-10-12T09:00:00+08:00', reasons: '建筑垃圾堆放于人行道，危害交通安全', decidedAt: '2026-09-22T10:00:00+08:00',
      substituteObject: '列东街66号门前人行道堆放的建筑垃圾约3立方米', substituteCost: 800, substituteExecutor: '三明市某某环卫服务有限公司',
    });
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-09-22T11:00:00+08:00');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-09-29T10:00:00+08:00');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-09-30T10:00:00+08:00');

    // then: the 代履行催告书 was served on Wednesday 30 September: 8, 9 and Saturday 10 October (a working day)
    await p.reached(pi, 'compute-substitute-performance-earliest');
    expect(await storedDeadline(p, pi, 'substituteEarliest')).to.deep.include({ length: 3, unit: 'WD', due: '2026-10-10T23:59:59.999+08:00', legalBasis: '《行政强制法》第五十一条第一款第二项、第六十九条' });
    await p.advanceTo('2026-10-10T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'carry-out-substitute-performance')).to.equal(false);
    await p.advanceTo('2026-10-10T23:59:59.999+08:00');
    await p.task(pi, 'carry-out-substitute-performance');

    // when: carried out on Monday 12 October under the agency's supervision
    await p.advanceTo('2026-10-12T11:00:00+08:00');
    await p.complete(pi, 'carry-out-substitute-performance', { executedAt: '2026-10-12T09:00:00+08:00', method: '代履行', result: '建筑垃圾已清运完毕，监督人员、代履行人和当事人在执行文书上签名', onSiteOfficial: '赵执法', cost: 780 });

    // then
    await p.finished(pi);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['enforcement-demand', 'enforcement-decision', 'substitute-performance-decision', 'substitute-performance-demand']);
    expect(documents[2]!.number).to.match(/^三元区城市管理局代决〔2026〕\d+号$/);
    expect(documents[2]!.fields).to.deep.include({ object: '列东街66号门前人行道堆放的建筑垃圾约3立方米', costEstimate: 800, substitute: '三明市某某环卫服务有限公司', performAt: '2026-10-12T09:00:00+08:00' });
    expect(documents[3]!.fields).to.deep.include({ substituteDecisionNumber: documents[2]!.number, performWithin: '自收到本催告书之日起三个工作日内' });
    expectPdfAndDocx(documents);
  });


  it('an enforcement agreement over the Spring Festival: staged payment agreed and performed (Art 42)', async () => {
    // given: demand served Monday 9 February 2026: 10 working days end on the make-up Saturday 28 February
    p.startAt('2026-02-09T09:00:00+08:00');
    const pi = await p.start('coercive-enforcement', enforcementCase('QZZX-2026-004', fine));
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-02-09T10:00:00+08:00');
    await p.reached(pi, 'compute-demand-deadline');
    expect((await storedDeadline(p, pi, 'demandPerformance')).due).to.equal('2026-02-28T23:59:59.999+08:00');
    await p.advanceTo('2026-02-28T23:59:59.999+08:00');

    // when: the head agrees staged performance with the party
    await p.advanceTo('2026-03-02T10:00:00+08:00');
    await p.complete(pi, 'decide-enforcement', {
      route: 'agreement', reasons: '当事人确有经营困难，同意分期履行', decidedAt: '2026-03-02T10:00:00+08:00',
      agreementTerms: '2026年3月31日前缴纳3000元，2026年4月30日前缴纳余款3000元', remedialMeasures: '当事人已清理占道经营物品', surchargeReduction: '减免加处罚款500元',
    });

    // then: the 执行协议 (Art 42), then performance
    await p.reached(pi, 'await-agreement-performance', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-04-28T10:00:00+08:00');
    await p.publish('obligation-performed', 'QZZX-2026-004', { performedAt: '2026-04-28T10:00:00+08:00' });
    await p.finished(pi);
    expect(await hasReached(p, pi, 'agreement-performed')).to.equal(true);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['enforcement-demand', 'enforcement-agreement']);
    expect(documents[1]!.number).to.match(/^三元区城市管理局执协〔2026〕\d+号$/);
    expect(documents[1]!.fields).to.deep.include({ terms: '2026年3月31日前缴纳3000元，2026年4月30日前缴纳余款3000元', surchargeReduction: '减免加处罚款500元', agreedAt: '2026-03-02' });
    expectPdfAndDocx(documents);
  });


  it('the agreement is breached, enforcement resumes; execution is suspended for hardship and, not resumed within three years, ends (Art 39, 42)', async () => {
    // given: an agreement after the demand period
    p.startAt('2026-10-26T09:00:00+08:00');
    const pi = await p.start('coercive-enforcement', enforcementCase('QZZX-2026-005', fine));
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-10-26T10:00:00+08:00');
    await p.reached(pi, 'compute-demand-deadline');
    expect((await storedDeadline(p, pi, 'demandPerformance')).due).to.equal('2026-11-09T23:59:59.999+08:00');
    await p.advanceTo('2026-11-10T09:00:00+08:00');
    await p.complete(pi, 'decide-enforcement', { route: 'agreement', reasons: '同意分期', decidedAt: '2026-11-10T09:00:00+08:00', agreementTerms: '2026年11月15日前缴纳全部款项' });

    // when: the party does not keep it (Art 42(2)): the head decides to enforce
    await p.advanceTo('2026-11-16T09:00:00+08:00');
    await p.publish('enforcement-agreement-breached', 'QZZX-2026-005', {});
    await activated(p, pi, 'decide-enforcement', 2);
    await p.complete(pi, 'decide-enforcement', { route: 'enforce', method: 'transfer', executeAt: '2026-11-18T09:00:00+08:00', reasons: '当事人不履行执行协议', decidedAt: '2026-11-16T09:30:00+08:00' });
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-11-16T10:00:00+08:00');
    await p.task(pi, 'execute-enforcement');

    // and the party shows it cannot pay: suspension approved (Art 39(1)(一))
    await p.publish('enforcement-suspension-requested', 'QZZX-2026-005', { suspensionRequest: { ground: 'hardship', reason: '当事人停业，账户无可供划拨的存款' } });
    await p.advanceTo('2026-11-16T10:30:00+08:00');
    await p.complete(pi, 'approve-enforcement-suspension', approval('2026-11-16T10:30:00+08:00'));

    // then: three years (36 months) from the approval: Friday 16 November 2029
    await p.reached(pi, 'await-enforcement-resumption', 'ELEMENT_ACTIVATED');
    const limit = await storedDeadline(p, pi, 'enforcementSuspension');
    expect(limit).to.deep.include({ length: 36, unit: 'M', due: '2029-11-16T23:59:59.999+08:00', legalBasis: '《行政强制法》第三十九条第二款' });

    // when: nothing resumes it
    await p.advanceTo('2029-11-16T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'suspension-three-years')).to.equal(false);
    await p.advanceTo('2029-11-16T23:59:59.999+08:00');

    // then: no further execution (Art 39(2)): the 终结执行决定书
    await p.finished(pi);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['enforcement-demand', 'enforcement-agreement', 'enforcement-decision', 'enforcement-suspension-notice', 'enforcement-termination-notice']);
    expect(documents[3]!.fields).to.deep.include({ ground: '当事人履行行政决定确有困难或者暂无履行能力', suspendedAt: '2026-11-16', enforcementDecisionNumber: documents[2]!.number });
    expect(documents[4]!.number).to.match(/^三元区城市管理局终执〔2029〕\d+号$/);
    expect(documents[4]!.fields).to.deep.include({ ground: '中止执行满三年未恢复执行', terminatedAt: '2029-11-16' });
    expectPdfAndDocx(documents);
    expect(await alerts(p, pi)).to.deep.equal([]);
  });


  it('assets being moved: immediate enforcement decision during the demand period; suspended on a third party claim, resumed, then terminated when the decision is revoked (Art 37(3), 39, 40)', async () => {
    // given
    p.startAt('2026-12-01T09:00:00+08:00');
    const pi = await p.start('coercive-enforcement', enforcementCase('QZZX-2026-006', fine));
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-12-01T10:00:00+08:00');
    await p.reached(pi, 'await-performance', 'ELEMENT_ACTIVATED');

    // when: evidence that the party is moving its deposits (Art 37(3))
    await p.advanceTo('2026-12-03T09:00:00+08:00');
    await p.publish('asset-transfer-suspected', 'QZZX-2026-006', { evidence: '当事人于12月2日将账户存款转出' });
    await p.complete(pi, 'decide-enforcement', { route: 'enforce', method: 'transfer', executeAt: '2026-12-03T15:00:00+08:00', reasons: '催告期间当事人有转移存款的迹象', decidedAt: '2026-12-03T09:30:00+08:00' });
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-12-03T10:00:00+08:00');
    await p.task(pi, 'execute-enforcement');

    // and a third party claims the account: suspended, later resumed
    await p.publish('enforcement-suspension-requested', 'QZZX-2026-006', { suspensionRequest: { ground: 'third-party-claim', reason: '案外人主张账户内款项为其所有' } });
    await p.complete(pi, 'approve-enforcement-suspension', approval('2026-12-03T11:00:00+08:00'));
    await p.reached(pi, 'await-enforcement-resumption', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-12-20T10:00:00+08:00');
    await p.publish('enforcement-resumed', 'QZZX-2026-006', {});
    await activated(p, pi, 'execute-enforcement', 2);

    // when: the decision enforced is revoked on reconsideration: termination (Art 40(四))
    await p.advanceTo('2026-12-21T10:00:00+08:00');
    await p.publish('enforcement-termination-requested', 'QZZX-2026-006', { terminationRequest: { ground: 'decision-revoked', reason: '行政处罚决定经行政复议被撤销' } });
    await p.complete(pi, 'approve-enforcement-termination', approval('2026-12-21T10:00:00+08:00'));

    // then
    await p.finished(pi);
    expect(await hasReached(p, pi, 'demand-period-elapsed')).to.equal(false);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['enforcement-demand', 'enforcement-decision', 'enforcement-suspension-notice', 'enforcement-termination-notice']);
    expect(documents[1]!.fields).to.deep.include({ immediate: true, demandServedDate: '2026-12-01' });
    expect(documents[2]!.fields).to.deep.include({ ground: '第三人对执行标的主张权利，确有理由' });
    expect(documents[3]!.fields).to.deep.include({ ground: '据以执行的行政决定被撤销', reason: '行政处罚决定经行政复议被撤销', terminatedAt: '2026-12-21' });
    expectPdfAndDocx(documents);
  });
});
