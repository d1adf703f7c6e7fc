/**
 * The coercion and inspection rows of the master deadline table (shared/domain/enforcement-law.md §4), one scenario
 * each, through the procedures of processes/ with the real workers: the due date compute-deadline stored in
 * app.deadlines (trigger, length, unit, basis, due across the 2026 Spring Festival and National Day) and the timer
 * that waits for it firing at that instant, not a millisecond earlier.
 *
 * Not here: C05 (30 days of 加处罚款 before enforcing, 强制法 Art 46) is counted in penalty-ordinary (deadline
 * surchargeEnforceable), before coercive-enforcement is called; I01 and I02 have no timer (a disclosure queue entry
 * with its due date; an annual count).
 */
import { expect } from 'chai';
import { waitUntil } from '../engine/support/engine-harness.js';
import { useProcedures } from './support/procedure-harness.js';
import { alerts, approval, chinaIso, expectTimerAt, serveDirectly, storedDeadline } from './support/coercion-steps.js';

describe('master deadline table, 行政强制 and 行政检查 rows (C01–C11, I01–I02)', () => {
  const p = useProcedures('deadlines-coercion');
  let cg: number;
  let liedong: number;

  before(async () => {
    cg = await p.bodyId('三元区城市管理局');
    liedong = await p.bodyId('列东街道办事处');
  });

  const party = { type: 'organisation', name: '三明市某某商贸有限公司', address: '三明市三元区工业中路1号', creditCode: '91350400MA2Y00C001' };
  const remedies = { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' };
  const fine = { kind: 'payment', amount: 20000, description: '缴纳罚款人民币20000元', decisionNumber: '三元区城市管理局罚决〔2025〕30号', decisionDate: '2025-07-15' };
  const onSite = { certificatesShown: true, partyPresent: true, witness: '无', statementHeard: true, findings: '现场检查记录', signed: true };

  function measure(id: string, kind: string, actAt: string, onTheSpot = false): Record<string, unknown> {
    return {
      caseId: id, measureId: `${id}/m`, bodyId: cg, field: 'urban-management', party, remedies, officers: ['sanyuan-officer', 'sanyuan-officer2'], actAt, onTheSpot,
      measure: kind === 'freeze'
        ? { kind, reason: '有转移存款迹象', basis: '（法律规定的冻结权）', bankName: '中国建设银行三明分行', account: '35050166000000000001', amount: 20000 }
        : { kind, items: [{ name: '违法建设施工机具', quantity: 3, unit: '台' }], reason: '违法建设拒不停止施工', basis: '《中华人民共和国行政强制法》第二十二条；（法律、法规规定的查封权）', location: '工业中路1号施工现场' },
    };
  }

  async function carryOut(pi: string, startedAt: string): Promise<void> {
    await p.advanceTo(startedAt);
    await p.complete(pi, 'carry-out-measure', { ...onSite, startedAt, inventory: [{ name: '违法建设施工机具', quantity: 3, unit: '台' }] });
  }

  it('C01 · on-the-spot measure: report to the head within 24 hours (强制法 Art 19) — National Day does not stop the hours', async () => {
    p.startAt('2026-10-01T07:50:00+08:00');
    const pi = await p.start('coercive-measure', measure('C01', 'seize', '2026-10-01T08:00:00+08:00', true));
    await carryOut(pi, '2026-10-01T08:00:00+08:00');
    await p.task(pi, 'approve-measure-afterwards');
    expect(await storedDeadline(p, pi, 'measureReportBack')).to.deep.include({ start: '2026-10-01T08:00:00.000+08:00', length: 24, unit: 'H', legalBasis: '《行政强制法》第十九条', due: '2026-10-02T08:00:00.000+08:00' });
    await expectTimerAt(p, pi, 'report-back-overdue', '2026-10-02T08:00:00.000+08:00');
    await p.reached(pi, 'alert-report-back-overdue');
    expect(await alerts(p, pi)).to.deep.equal([{ deadline: 'measureReportBack', level: 'overdue', raisedAt: '2026-10-02T08:00:00.000+08:00' }]);
    await p.client.cancelProcessInstance(pi);
  });


  it('C02 · 查封: 30 days (强制法 Art 25) from 20 January 2026 end on 19 February, in the Spring Festival, so on Tuesday 24 February; then the measure must be lifted', async () => {
    p.startAt('2026-01-20T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measure('C02', 'seal', '2026-01-20T10:00:00+08:00'));
    await p.complete(pi, 'approve-measure', approval('2026-01-20T09:30:00+08:00'));
    await carryOut(pi, '2026-01-20T10:00:00+08:00');
    await p.task(pi, 'decide-measure-outcome');
    expect(await storedDeadline(p, pi, 'measureLimit')).to.deep.include({ start: '2026-01-20T10:00:00.000+08:00', length: 30, unit: 'CD', legalBasis: '《行政强制法》第二十五条、第三十二条', due: '2026-02-24T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'measure-expired', '2026-02-24T23:59:59.999+08:00');
    await p.task(pi, 'release-measure');
    expect((await storedDeadline(p, pi, 'measureLimit')).status).to.equal('overdue');
    await p.client.cancelProcessInstance(pi);
  });


  it('C03 · 冻结决定书 to the party within 3 working days (强制法 Art 31, 69): from Thursday 12 February: 13, the make-up Saturday 14, then 24 February', async () => {
    p.startAt('2026-02-12T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measure('C03', 'freeze', '2026-02-12T10:00:00+08:00'));
    await p.complete(pi, 'approve-measure', approval('2026-02-12T09:30:00+08:00'));
    await carryOut(pi, '2026-02-12T10:00:00+08:00');
    await p.reached(pi, 'serve-freeze-decision', 'ELEMENT_ACTIVATED');
    expect(await storedDeadline(p, pi, 'freezeDecisionService')).to.deep.include({ start: '2026-02-12T10:00:00.000+08:00', length: 3, unit: 'WD', legalBasis: '《行政强制法》第三十一条', due: '2026-02-24T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'freeze-decision-service-overdue', '2026-02-24T23:59:59.999+08:00');
    await p.reached(pi, 'alert-freeze-decision-service-overdue');
    await p.client.cancelProcessInstance(pi);
  });


  it('C04 · 冻结: 30 days (强制法 Art 32) from 10 September end on Saturday 10 October, a make-up working day: no roll-forward; the bank unfreezes at expiry (Art 33)', async () => {
    p.startAt('2026-09-10T09:00:00+08:00');
    const pi = await p.start('coercive-measure', measure('C04', 'freeze', '2026-09-10T10:00:00+08:00'));
    await p.complete(pi, 'approve-measure', approval('2026-09-10T09:30:00+08:00'));
    await carryOut(pi, '2026-09-10T10:00:00+08:00');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-09-10T11:00:00+08:00');
    await p.task(pi, 'decide-measure-outcome');
    expect(await storedDeadline(p, pi, 'measureLimit')).to.deep.include({ length: 30, unit: 'CD', due: '2026-10-10T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'measure-expired', '2026-10-10T23:59:59.999+08:00');
    await p.task(pi, 'release-measure');
    await p.client.cancelProcessInstance(pi);
  });


  /** coercive-enforcement up to the execution: demand served 26 January, 10 working days to 9 February, decision. */
  async function toExecution(id: string, method: string): Promise<string> {
    p.startAt('2026-01-26T09:00:00+08:00');
    const pi = await p.start('coercive-enforcement', { caseId: id, bodyId: cg, field: 'urban-management', party, remedies, obligation: method === 'substitute' ? { ...fine, kind: 'act', description: '拆除违法搭建的彩钢棚' } : fine });
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-01-26T10:00:00+08:00');
    await p.reached(pi, 'compute-demand-deadline');
    expect((await storedDeadline(p, pi, 'demandPerformance')).due).to.equal('2026-02-09T23:59:59.999+08:00');
    await p.advanceTo('2026-02-09T23:59:59.999+08:00');
    await p.advanceTo('2026-02-10T09:00:00+08:00');
    await p.complete(pi, 'decide-enforcement', {
      route: 'enforce', method, executeAt: '2026-02-26T09:00:00+08:00', reasons: '逾期不履行', decidedAt: '2026-02-10T09:00:00+08:00',
      substituteObject: '工业中路1号违法搭建的彩钢棚', substituteCost: 12000, substituteExecutor: '三明市某某建筑工程有限公司',
    });
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-02-10T10:00:00+08:00');
    return pi;
  }

  it('C06 · 代履行: the demand at least 3 working days before (强制法 Art 51, 69): served Thursday 12 February, carried out after 24 February', async () => {
    const pi = await toExecution('C06', 'substitute');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-02-11T10:00:00+08:00');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-02-12T10:00:00+08:00');
    await p.reached(pi, 'compute-substitute-performance-earliest');
    expect(await storedDeadline(p, pi, 'substituteEarliest')).to.deep.include({ start: '2026-02-12T10:00:00.000+08:00', length: 3, unit: 'WD', legalBasis: '《行政强制法》第五十一条第一款第二项、第六十九条', due: '2026-02-24T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'await-substitute-performance-date', '2026-02-24T23:59:59.999+08:00');
    await p.task(pi, 'carry-out-substitute-performance');
    await p.client.cancelProcessInstance(pi);
  });


  it('C07 · 中止执行 three years without resumption: no further execution (强制法 Art 39(2)); 2029 is not in the holiday table yet (counted with weekends only)', async () => {
    const pi = await toExecution('C07', 'transfer');
    await p.task(pi, 'execute-enforcement');
    await p.advanceTo('2026-02-12T10:00:00+08:00');
    await p.publish('enforcement-suspension-requested', 'C07', { suspensionRequest: { ground: 'hardship', reason: '当事人暂无履行能力' } });
    await p.complete(pi, 'approve-enforcement-suspension', approval('2026-02-12T10:00:00+08:00'));
    await p.reached(pi, 'compute-suspension-limit');
    expect(await storedDeadline(p, pi, 'enforcementSuspension')).to.deep.include({ start: '2026-02-12T10:00:00.000+08:00', length: 36, unit: 'M', legalBasis: '《行政强制法》第三十九条第二款', due: '2029-02-12T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'suspension-three-years', '2029-02-12T23:59:59.999+08:00');
    await p.finished(pi);
  });


  /** court-enforcement from the decision's service; returns the instance once the remedy periods have lapsed. */
  async function remediesLapsed(id: string, servedAt: string, lapse: string): Promise<string> {
    p.startAt(servedAt);
    const pi = await p.start('court-enforcement', { caseId: id, bodyId: cg, field: 'urban-management', party, obligation: fine, decisionServedAt: servedAt, deferredUntil: null });
    await p.reached(pi, 'await-remedy-periods', 'ELEMENT_ACTIVATED');
    expect((await storedDeadline(p, pi, 'remedyPeriodsEnd')).due).to.equal(lapse);
    await expectTimerAt(p, pi, 'remedy-periods-lapsed', lapse);
    return pi;
  }

  it('C08 · the 3-month window to apply to the court (强制法 Art 53) after the remedy periods lapse on 19 November 2025 ends on 19 February 2026, in the Spring Festival: Tuesday 24 February', async () => {
    const pi = await remediesLapsed('C08', '2025-05-19T10:00:00+08:00', '2025-11-19T23:59:59.999+08:00');
    await p.reached(pi, 'compute-court-application-window');
    expect(await storedDeadline(p, pi, 'courtApplicationWindow')).to.deep.include({ start: '2025-11-19T23:59:59.999+08:00', length: 3, unit: 'M', legalBasis: '《行政强制法》第五十三条', due: '2026-02-24T23:59:59.999+08:00' });
    await serveDirectly(p, pi, '王某（法定代表人）', '2025-11-20T10:00:00+08:00');
    await p.advanceTo('2025-12-04T23:59:59.999+08:00');
    await p.task(pi, 'prepare-court-application');
    await p.advanceTo('2026-02-09T23:59:59.999+08:00');
    await p.reached(pi, 'alert-court-window-near-end');
    await expectTimerAt(p, pi, 'court-window-closed', '2026-02-24T23:59:59.999+08:00');
    await p.finished(pi);
    expect((await alerts(p, pi)).map((a) => [a.level, a.raisedAt])).to.deep.equal([['near-due', '2026-02-09T23:59:59.999+08:00'], ['overdue', '2026-02-24T23:59:59.999+08:00']]);
  });


  it('C09 · 10 working days after the 催告书 is served before applying (强制法 Art 54, 69): served Thursday 12 February, over the Spring Festival to Wednesday 4 March', async () => {
    const pi = await remediesLapsed('C09', '2025-08-11T10:00:00+08:00', '2026-02-11T23:59:59.999+08:00');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-02-12T10:00:00+08:00');
    await p.reached(pi, 'compute-court-demand-wait');
    expect(await storedDeadline(p, pi, 'courtDemandWait')).to.deep.include({ start: '2026-02-12T10:00:00.000+08:00', length: 10, unit: 'WD', legalBasis: '《行政强制法》第五十四条、第六十九条', due: '2026-03-04T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'court-demand-wait-elapsed', '2026-03-04T23:59:59.999+08:00');
    await p.task(pi, 'prepare-court-application');
    await p.client.cancelProcessInstance(pi);
  });


  /** court-enforcement up to the filing: remedy periods lapsed 22 January, demand 26 January, 10 working days to 9 February. */
  async function filed(id: string, filedAt: string): Promise<string> {
    const pi = await remediesLapsed(id, '2025-07-22T10:00:00+08:00', '2026-01-22T23:59:59.999+08:00');
    await serveDirectly(p, pi, '王某（法定代表人）', '2026-01-26T10:00:00+08:00');
    await p.advanceTo('2026-02-09T23:59:59.999+08:00');
    await p.complete(pi, 'prepare-court-application', { court: '三明市三元区人民法院', objectOfEnforcement: '罚款20000元' });
    await p.complete(pi, 'approve-court-application', approval(filedAt));
    await p.advanceTo(filedAt);
    await p.complete(pi, 'file-court-application', { court: '三明市三元区人民法院', filedAt });
    await p.reached(pi, 'await-court-acceptance', 'ELEMENT_ACTIVATED');
    return pi;
  }

  it('C10 · the court accepts within 5 working days of the application (强制法 Art 56, 69): filed Thursday 12 February, due Thursday 26 February', async () => {
    const pi = await filed('C10', '2026-02-12T10:00:00+08:00');
    expect(await storedDeadline(p, pi, 'courtAcceptance')).to.deep.include({ start: '2026-02-12T10:00:00.000+08:00', length: 5, unit: 'WD', legalBasis: '《行政强制法》第五十六条、第六十九条', due: '2026-02-26T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'court-acceptance-overdue', '2026-02-26T23:59:59.999+08:00');
    await p.reached(pi, 'alert-court-acceptance-overdue');
    await p.client.cancelProcessInstance(pi);
  });


  it('C11 · the court rules within 7 working days of acceptance (强制法 Art 57): accepted Thursday 12 February, due the make-up Saturday 28 February', async () => {
    const pi = await filed('C11', '2026-02-10T10:00:00+08:00');
    await p.advanceTo('2026-02-12T10:00:00+08:00');
    await p.publish('court-acceptance-received', 'C11', { accepted: true, acceptedAt: '2026-02-12T10:00:00+08:00', caseNumber: '（2026）闽0404行审3号' });
    await p.reached(pi, 'await-court-ruling', 'ELEMENT_ACTIVATED');
    expect(await storedDeadline(p, pi, 'courtRuling')).to.deep.include({ start: '2026-02-12T10:00:00.000+08:00', length: 7, unit: 'WD', legalBasis: '《行政强制法》第五十七条、第五十八条、第六十九条', due: '2026-02-28T23:59:59.999+08:00' });
    await expectTimerAt(p, pi, 'court-ruling-overdue', '2026-02-28T23:59:59.999+08:00');
    await p.reached(pi, 'alert-court-ruling-overdue');
    await p.client.cancelProcessInstance(pi);
  });


  function inspection(id: string, shop: number): Record<string, unknown> {
    return {
      caseId: id, bodyId: liedong, bodyName: '三元区列东街道办事处', field: 'urban-management', remedies,
      party: { type: 'organisation', name: `列东某某商店${shop}`, address: `列东街${shop}号`, creditCode: `92350400MA3X00I${String(shop).padStart(3, '0')}` },
      inspection: { type: 'routine', items: '门前三包', source: '双随机抽查', legalBasis: '《福建省城市市容和环境卫生管理办法》第十条' },
    };
  }
  const plan = (plannedAt: string) => ({ type: 'routine', items: '门前三包', method: 'on-site', officers: ['liedong-officer', 'liedong-officer2'], plannedAt });

  it('I01 · inspection results disclosed within 20 working days (国办发〔2018〕118号; local practice): concluded 30 April, over Labour Day: 1 June (a queue entry with its due date; no timer in the procedure)', async () => {
    p.startAt('2026-04-27T09:00:00+08:00');
    const pi = await p.start('inspection', inspection('I01', 1));
    await p.complete(pi, 'plan-inspection', plan('2026-04-30T09:00:00+08:00'));
    await p.complete(pi, 'approve-inspection', approval('2026-04-27T10:00:00+08:00'));
    await serveDirectly(p, pi, '店主', '2026-04-27T15:00:00+08:00');
    await p.advanceTo('2026-04-30T16:30:00+08:00');
    await p.complete(pi, 'conduct-inspection', { ...onSite, startedAt: '2026-04-30T09:00:00+08:00' });
    await p.complete(pi, 'conclude-inspection', { compliant: true, findings: '未发现违法行为', concludedAt: '2026-04-30T16:00:00+08:00' });
    await serveDirectly(p, pi, '店主', '2026-04-30T17:00:00+08:00');
    await p.finished(pi);
    const queued = (await p.h.database.db.raw('select kind, decided_at, due_by, due_date, explanation from app.disclosure_queue where process_instance_key = ?', [pi])).rows[0] as Record<string, unknown>;
    expect(queued.kind).to.equal('other-decision');
    expect(chinaIso(queued.decided_at as Date)).to.equal('2026-04-30T16:00:00.000+08:00');
    expect(chinaIso(queued.due_by as Date)).to.equal('2026-06-01T23:59:59.999+08:00');
  });


  it('I02 · the annual cap on inspections of one enterprise by one body (国办发〔2024〕54号; 2 a year, a sector example): the third is blocked unless the head exempts it', async () => {
    p.startAt('2026-03-02T09:00:00+08:00');
    const counts: unknown[] = [];
    for (const [n, day] of [[1, '2026-03-10'], [2, '2026-07-10'], [3, '2026-11-10']] as const) {
      const pi = await p.start('inspection', inspection(`I02-${n}`, 2));
      await p.complete(pi, 'plan-inspection', plan(`${day}T09:00:00+08:00`));
      const next = await waitUntil(async () => {
        for (const elementId of ['approve-inspection', 'approve-cap-exemption']) if (p.openTasks(pi).includes(elementId)) return p.task(pi, elementId, 500);
        return null;
      });
      counts.push([next.elementId, next.variables.inspectionFrequency]);
      if (next.elementId === 'approve-cap-exemption') await p.complete(pi, 'approve-cap-exemption', approval('2026-03-02T10:00:00+08:00', false, '日常检查已达年度上限'));
      else await p.complete(pi, 'approve-inspection', approval('2026-03-02T10:00:00+08:00', false, '合并到联合检查'));
      await p.finished(pi);
    }
    expect(counts).to.deep.equal([
      ['approve-inspection', { year: 2026, count: 1, cap: 2 }],
      ['approve-inspection', { year: 2026, count: 2, cap: 2 }],
      ['approve-cap-exemption', { year: 2026, count: 2, cap: 2 }],
    ]);
  });
});
