/**
 * court-enforcement (processes/court-enforcement.bpmn): 申请人民法院强制执行 under 《行政强制法》第五章, end to end on the
 * engine with its controlled clock and the real workers, for 三元区城市管理局 (no enforcement power of its own). The
 * court's acceptance and ruling arrive as messages; the procedure tracks the court's 5 and 7 working days.
 */
import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import { alerts, approval, documentsOf, expectPdfAndDocx, hasReached, serveDirectly, storedDeadline } from './support/coercion-steps.js';

describe('court-enforcement: 申请人民法院强制执行 (《行政强制法》第五十三条至第六十条)', () => {
  const p = useProcedures('court-enforcement');
  let bodyId: number;

  before(async () => {
    bodyId = await p.bodyId('三元区城市管理局');
  });

  const party = { type: 'natural-person', name: '林某某', address: '三明市三元区城关街道新市北路9号', idNumber: '350402198805050021' };
  const obligation = {
    kind: 'payment', amount: 5000, surcharge: { amount: 5000, totalDue: 10000 }, description: '缴纳罚款人民币5000元',
    decisionNumber: '三元区城市管理局罚决〔2026〕2号', decisionDate: '2026-03-20',
  };

  function courtCase(id: string, decisionServedAt: string, deferredUntil: string | null = null): Record<string, unknown> {
    return { caseId: id, bodyId, field: 'urban-management', party, obligation, decisionServedAt, deferredUntil };
  }

  async function applyToCourt(pi: string, filedAt: string): Promise<void> {
    await p.complete(pi, 'prepare-court-application', { court: '三明市三元区人民法院', materials: ['application', 'decision', 'opinions', 'object'], objectOfEnforcement: '罚款5000元及加处罚款5000元，合计10000元' });
    await p.complete(pi, 'approve-court-application', approval(filedAt));
    await p.advanceTo(filedAt);
    await p.complete(pi, 'file-court-application', { court: '三明市三元区人民法院', filedAt, receiptNumber: '收件2026-118' });
  }

  it('the remedy periods lapse (6 months, over the Mid-Autumn holiday), the 3-month window opens; demand, 10 working days over National Day, application signed by the head, court acceptance within 5 and ruling within 7 working days, enforced (Art 53–58)', async () => {
    // given: the decision was served on 25 March 2026 and neither challenged nor performed
    p.startAt('2026-03-25T11:00:00+08:00');
    const pi = await p.start('court-enforcement', courtCase('SQZX-2026-001', '2026-03-25T10:00:00+08:00'));

    // then: six months after service end on Friday 25 September (中秋), so on Monday 28 September (诉讼法 Art 46)
    await p.reached(pi, 'await-remedy-periods', 'ELEMENT_ACTIVATED');
    expect(await storedDeadline(p, pi, 'remedyPeriodsEnd')).to.deep.include({ start: '2026-03-25T10:00:00.000+08:00', length: 6, unit: 'M', due: '2026-09-28T23:59:59.999+08:00' });
    await p.advanceTo('2026-09-28T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'compute-court-application-window')).to.equal(false);

    // when: the periods lapse
    await p.advanceTo('2026-09-28T23:59:59.999+08:00');

    // then: the window runs 3 months (Art 53); a 催告书 goes out first (Art 54)
    await p.reached(pi, 'compute-court-application-window');
    expect(await storedDeadline(p, pi, 'courtApplicationWindow')).to.deep.include({ length: 3, unit: 'M', due: '2026-12-28T23:59:59.999+08:00', legalBasis: '《行政强制法》第五十三条' });
    await serveDirectly(p, pi, '林某某', '2026-09-29T10:00:00+08:00');

    // and 10 working days after service: 30 September, then 8 October onwards (10 October a working Saturday): 19 October
    await p.reached(pi, 'compute-court-demand-wait');
    expect(await storedDeadline(p, pi, 'courtDemandWait')).to.deep.include({ start: '2026-09-29T10:00:00.000+08:00', length: 10, unit: 'WD', due: '2026-10-19T23:59:59.999+08:00', legalBasis: '《行政强制法》第五十四条、第六十九条' });
    await p.advanceTo('2026-10-19T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'court-application')).to.equal(false);
    await p.advanceTo('2026-10-19T23:59:59.999+08:00');
    await p.task(pi, 'prepare-court-application');

    // when: the application is prepared, signed by the head and filed on 21 October (Art 55)
    await applyToCourt(pi, '2026-10-21T10:00:00+08:00');

    // then: the court must accept within 5 working days (Art 56)
    await p.reached(pi, 'await-court-acceptance', 'ELEMENT_ACTIVATED');
    expect(await storedDeadline(p, pi, 'courtAcceptance')).to.deep.include({ length: 5, unit: 'WD', due: '2026-10-28T23:59:59.999+08:00', legalBasis: '《行政强制法》第五十六条、第六十九条' });

    // when: accepted on 23 October
    await p.advanceTo('2026-10-23T10:00:00+08:00');
    await p.publish('court-acceptance-received', 'SQZX-2026-001', { accepted: true, acceptedAt: '2026-10-23T10:00:00+08:00', caseNumber: '（2026）闽0404行审12号' });

    // then: the ruling within 7 working days of acceptance (Art 57)
    await p.reached(pi, 'await-court-ruling', 'ELEMENT_ACTIVATED');
    expect(await storedDeadline(p, pi, 'courtRuling')).to.deep.include({ length: 7, unit: 'WD', due: '2026-11-03T23:59:59.999+08:00', legalBasis: '《行政强制法》第五十七条、第五十八条、第六十九条' });

    // when: the court rules to enforce; the officer follows the court's enforcement
    await p.advanceTo('2026-11-02T10:00:00+08:00');
    await p.publish('court-ruling-received', 'SQZX-2026-001', { enforce: true, ruledAt: '2026-11-02T10:00:00+08:00', reasons: '准予强制执行' });
    await p.advanceTo('2026-11-20T10:00:00+08:00');
    await p.complete(pi, 'follow-court-enforcement', { executedAt: '2026-11-20T10:00:00+08:00', method: '人民法院强制执行', result: '法院已划扣被执行人存款10000元' });

    // then
    await p.finished(pi);
    expect(await hasReached(p, pi, 'court-enforced')).to.equal(true);
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['enforcement-demand', 'court-enforcement-application']);
    expect(documents[0]!.fields).to.deep.include({ performWithin: '自收到本催告书之日起十个工作日内', amount: 10000, surchargeAmount: 5000 });
    expect(documents[1]!.number).to.match(/^三元区城市管理局申执〔2026〕\d+号$/);
    expect(documents[1]!.fields).to.deep.include({
      court: '三明市三元区人民法院', decisionNumber: '三元区城市管理局罚决〔2026〕2号', decisionServedDate: '2026-03-25', remedyPeriodsEnd: '2026-09-28',
      demandNumber: documents[0]!.number, demandServedDate: '2026-09-29', objectOfEnforcement: '罚款5000元及加处罚款5000元，合计10000元',
    });
    expect(documents[1]!.fields.attachments).to.deep.equal(['行政决定书及作出决定的事实、理由和依据', '当事人的意见及行政机关催告情况', '申请强制执行标的情况']);
    expectPdfAndDocx(documents);
    expect(await alerts(p, pi)).to.deep.equal([]);
  });


  it('after an approved instalment plan the 3-month window counts from its end (处罚法 Art 72(2)); the court is late to accept and to rule: both are flagged when their working days run out; enforcement refused, no review (Art 56–58)', async () => {
    // given: served on 5 January, the remedy periods lapse on 6 July, instalments were allowed until 20 October
    p.startAt('2026-01-05T11:00:00+08:00');
    const pi = await p.start('court-enforcement', courtCase('SQZX-2026-002', '2026-01-05T10:00:00+08:00', '2026-10-20'));
    await p.reached(pi, 'await-remedy-periods', 'ELEMENT_ACTIVATED');
    expect((await storedDeadline(p, pi, 'remedyPeriodsEnd')).due).to.equal('2026-07-06T23:59:59.999+08:00');

    // then: no demand while the instalments run: the wait ends with the last day of the plan
    await p.advanceTo('2026-10-20T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'compute-court-application-window')).to.equal(false);
    await p.advanceTo('2026-10-20T23:59:59.999+08:00');
    await p.reached(pi, 'compute-court-application-window');
    expect(await storedDeadline(p, pi, 'courtApplicationWindow')).to.deep.include({ start: '2026-10-20T00:00:00.000+08:00', length: 3, unit: 'M', due: '2027-01-20T23:59:59.999+08:00', legalBasis: '《行政强制法》第五十三条；《行政处罚法》第七十二条第二款' });
    await serveDirectly(p, pi, '林某某', '2026-10-21T10:00:00+08:00');
    await p.reached(pi, 'compute-court-demand-wait');
    expect((await storedDeadline(p, pi, 'courtDemandWait')).due).to.equal('2026-11-04T23:59:59.999+08:00');
    await p.advanceTo('2026-11-04T23:59:59.999+08:00');
    await applyToCourt(pi, '2026-11-05T10:00:00+08:00');
    await p.reached(pi, 'await-court-acceptance', 'ELEMENT_ACTIVATED');
    expect((await storedDeadline(p, pi, 'courtAcceptance')).due).to.equal('2026-11-12T23:59:59.999+08:00');

    // when: five working days pass without acceptance
    await p.advanceTo('2026-11-12T23:59:59.999+08:00');

    // then: flagged (the court's period, so a 提示), the procedure keeps waiting
    await p.reached(pi, 'alert-court-acceptance-overdue');
    expect(await alerts(p, pi)).to.deep.equal([{ deadline: 'courtAcceptance', level: 'near-due', raisedAt: '2026-11-12T23:59:59.999+08:00' }]);

    // when: accepted late, and no ruling within 7 working days
    await p.advanceTo('2026-11-16T10:00:00+08:00');
    await p.publish('court-acceptance-received', 'SQZX-2026-002', { accepted: true, acceptedAt: '2026-11-16T10:00:00+08:00', caseNumber: '（2026）闽0404行审20号' });
    await p.reached(pi, 'await-court-ruling', 'ELEMENT_ACTIVATED');
    expect((await storedDeadline(p, pi, 'courtRuling')).due).to.equal('2026-11-25T23:59:59.999+08:00');
    await p.advanceTo('2026-11-25T23:59:59.999+08:00');
    await p.reached(pi, 'alert-court-ruling-overdue');
    expect((await alerts(p, pi)).map((a) => [a.deadline, a.raisedAt])).to.deep.equal([['courtAcceptance', '2026-11-12T23:59:59.999+08:00'], ['courtRuling', '2026-11-25T23:59:59.999+08:00']]);

    // when: the court refuses to enforce; the head does not seek review (Art 58(3))
    await p.advanceTo('2026-12-01T10:00:00+08:00');
    await p.publish('court-ruling-received', 'SQZX-2026-002', { enforce: false, ruledAt: '2026-12-01T10:00:00+08:00', reasons: '被执行人已死亡' });
    await p.complete(pi, 'consider-ruling-review', { requested: false, reason: '不申请复议', requestedAt: null });

    // then
    await p.finished(pi);
    expect(await hasReached(p, pi, 'court-refused-enforcement')).to.equal(true);
  });


  it('the window is missed: the application is never filed; warned 15 days before the 3 months end (over National Day, 8 October), then closed at its end (Art 53)', async () => {
    // given: served 5 January 2026: six months end on Sunday 5 July, so Monday 6 July
    p.startAt('2026-01-05T11:00:00+08:00');
    const pi = await p.start('court-enforcement', courtCase('SQZX-2026-003', '2026-01-05T10:00:00+08:00'));
    await p.reached(pi, 'await-remedy-periods', 'ELEMENT_ACTIVATED');
    expect((await storedDeadline(p, pi, 'remedyPeriodsEnd')).due).to.equal('2026-07-06T23:59:59.999+08:00');
    await p.advanceTo('2026-07-06T23:59:59.999+08:00');

    // then: three months from 6 July end on 6 October (National Day), so on Thursday 8 October
    await p.reached(pi, 'compute-court-application-window');
    expect((await storedDeadline(p, pi, 'courtApplicationWindow')).due).to.equal('2026-10-08T23:59:59.999+08:00');
    await serveDirectly(p, pi, '林某某', '2026-07-07T10:00:00+08:00');
    await p.reached(pi, 'compute-court-demand-wait');
    expect((await storedDeadline(p, pi, 'courtDemandWait')).due).to.equal('2026-07-21T23:59:59.999+08:00');
    await p.advanceTo('2026-07-21T23:59:59.999+08:00');
    await p.task(pi, 'prepare-court-application');

    // when: nobody prepares the application
    const variables = await p.variables(pi);
    expect((variables.deadlines as Record<string, string>).courtApplicationWindowWarning).to.equal('2026-09-23T23:59:59.999+08:00');
    await p.advanceTo('2026-09-23T23:59:59.999+08:00');
    await p.reached(pi, 'alert-court-window-near-end');
    await p.advanceTo('2026-10-08T23:59:59.998+08:00');
    expect(await hasReached(p, pi, 'court-window-closed')).to.equal(false);
    await p.advanceTo('2026-10-08T23:59:59.999+08:00');

    // then
    await p.finished(pi);
    expect(await hasReached(p, pi, 'court-window-missed')).to.equal(true);
    expect(await alerts(p, pi)).to.deep.equal([
      { deadline: 'courtApplicationWindow', level: 'near-due', raisedAt: '2026-09-23T23:59:59.999+08:00' },
      { deadline: 'courtApplicationWindow', level: 'overdue', raisedAt: '2026-10-08T23:59:59.999+08:00' },
    ]);
    expect((await storedDeadline(p, pi, 'courtApplicationWindow')).status).to.equal('overdue');
    expect((await documentsOf(p, pi)).map((d) => d.kind)).to.deep.equal(['enforcement-demand']);
  });


  it('the court does not accept the application; the head decides against a review (Art 56(2))', async () => {
    p.startAt('2026-03-25T11:00:00+08:00');
    const pi = await p.start('court-enforcement', courtCase('SQZX-2026-004', '2026-03-25T10:00:00+08:00'));
    await p.reached(pi, 'await-remedy-periods', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-09-28T23:59:59.999+08:00');
    await serveDirectly(p, pi, '林某某', '2026-09-29T10:00:00+08:00');
    await p.advanceTo('2026-10-19T23:59:59.999+08:00');
    await applyToCourt(pi, '2026-10-21T10:00:00+08:00');
    await p.reached(pi, 'await-court-acceptance', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-10-22T10:00:00+08:00');
    await p.publish('court-acceptance-received', 'SQZX-2026-004', { accepted: false, acceptedAt: null, caseNumber: null });
    await p.complete(pi, 'consider-acceptance-review', { requested: false, reason: '申请材料不全，补正后重新申请', requestedAt: null });
    await p.finished(pi);
    expect(await hasReached(p, pi, 'court-refused-acceptance')).to.equal(true);
    expect(await hasReached(p, pi, 'compute-court-ruling-deadline')).to.equal(false);
  });


  it('no application when the party challenges the decision in time or performs: 复议 filed before the periods lapse; payment after the 催告书 (Art 53, 54)', async () => {
    // given: a party who applies for 复议 in May
    p.startAt('2026-03-25T11:00:00+08:00');
    const challenged = await p.start('court-enforcement', courtCase('SQZX-2026-005', '2026-03-25T10:00:00+08:00'));
    await p.reached(challenged, 'await-remedy-periods', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-05-10T10:00:00+08:00');
    await p.publish('remedy-filed', 'SQZX-2026-005', { remedy: { kind: 'reconsideration', filedAt: '2026-05-10T10:00:00+08:00' } });
    await p.finished(challenged);
    expect(await hasReached(p, challenged, 'remedy-pending')).to.equal(true);

    // and one who pays after the demand
    const paying = await p.start('court-enforcement', courtCase('SQZX-2026-006', '2026-05-10T09:00:00+08:00'));
    await p.reached(paying, 'await-remedy-periods', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-11-10T23:59:59.999+08:00');
    await serveDirectly(p, paying, '林某某', '2026-11-11T10:00:00+08:00');
    await p.reached(paying, 'await-demand-outcome', 'ELEMENT_ACTIVATED');
    await p.advanceTo('2026-11-13T10:00:00+08:00');
    await p.publish('obligation-performed', 'SQZX-2026-006', { performedAt: '2026-11-13T10:00:00+08:00' });
    await p.finished(paying);
    expect(await hasReached(p, paying, 'performed-after-court-demand')).to.equal(true);
    expect(await hasReached(p, paying, 'court-application')).to.equal(false);
  });
});
