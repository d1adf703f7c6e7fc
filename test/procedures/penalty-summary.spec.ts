import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import {
  activeElements, alertsOf, BODY_NAME, calledInstance, cancel, deadlineRow, describeState, dueText, NATURAL_PERSON, nowIso, OFFICERS, PARTY, REMEDIES,
} from './support/penalty-case.js';

/**
 * 行政处罚简易程序 (processes/penalty-summary.bpmn): the on-the-spot decision within the thresholds of 处罚法 Art 51
 * (200 yuan for a citizen, 3,000 yuan for an organisation, or a warning), its filing with the agency (Art 52), payment
 * at a bank or on the spot (Arts 67–71), and the conversion to the ordinary procedure above the thresholds.
 * Decided on Wednesday 30 September 2026, the day before 国庆: the next working day is 8 October.
 */
describe('penalty-summary: 行政处罚简易程序 end to end', function () {
  this.timeout(60_000);
  const p = useProcedures('penalty-summary');
  let bodyId: number;
  let current: string | null = null;
  const ACT_AT = '2026-09-30T10:00:00+08:00';

  before(async () => {
    bodyId = await p.bodyId(BODY_NAME);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && current) process.stderr.write(`state of ${current}: ${await describeState(p, current)}\n`);
    current = null;
  });

  function summaryCase(caseId: string, o: { party?: Record<string, unknown>; kind?: 'fine' | 'warning'; fine?: number | null; officers?: string[]; onSpotCollection?: boolean; reduced?: boolean; agencyEnforcementPower?: boolean } = {}): Record<string, unknown> {
    return {
      caseId,
      bodyId,
      bodyName: BODY_NAME,
      field: 'urban-management',
      party: o.party ?? NATURAL_PERSON,
      officers: o.officers ?? OFFICERS,
      actAt: ACT_AT,
      caseCause: '在人行道上摆摊设点',
      violation: { facts: '在列东街人行道上摆摊销售水果，占用人行道约3平方米', basis: '《福建省城市市容和环境卫生管理办法》第二十条 (U)', place: '三明市三元区列东街与新市北路交叉口' },
      proposedPenalty: { kind: o.kind ?? 'fine', fine: o.fine === undefined ? 200 : o.fine },
      mitigation: { reduced: o.reduced ?? false },
      amountDependsOnIncome: false,
      onSpotCollection: o.onSpotCollection ?? false,
      agencyEnforcementPower: o.agencyEnforcementPower ?? false,
      remedies: REMEDIES,
    };
  }

  /** Certificates shown, the party informed and heard, the numbered form handed over and signed at `deliveredAt`. */
  async function decideOnTheSpot(pi: string, deliveredAt = ACT_AT): Promise<void> {
    await p.complete(pi, 'inform-party-on-spot', { certificatesShown: true, informed: true, statementMade: true, statement: '承认占道，愿意接受处罚', adopted: false });
    await p.advanceTo(deliveredAt);
    await p.complete(pi, 'deliver-on-spot', { delivered: true, partySigned: true, refusalNoted: null, deliveredAt: nowIso(p) });
  }

  it('decides a 200 yuan fine on a citizen on the spot with a numbered decision, files it with the agency by the next working day (8 October) and closes when paid at the bank within 15 days', async () => {
    p.startAt(ACT_AT);
    const pi = await p.start('penalty-summary', summaryCase('PS-200'));
    current = pi;
    await decideOnTheSpot(pi);
    // then the filing is due the next working day, across 国庆 (处罚法 Art 52; 1 WD configurable (U))
    const filing = await p.task(pi, 'file-summary-decision');
    expect(filing.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-08T23:59:59.999+08:00');
    expect(filing.headers['io.camunda.zeebe:candidateGroups']).to.equal(`["${bodyId}:reviewer"]`);
    // and the fine is due 15 days after the decision was handed over: 15 October (Art 67)
    await p.reached(pi, 'compute-summary-payment-deadline');
    const vars = await p.variables(pi);
    expect(vars.summary).to.include({ applicable: true });
    expect(vars.deadlines).to.include({ summaryFiling: '2026-10-08T23:59:59.999+08:00', payment: '2026-10-15T23:59:59.999+08:00' });
    expect((vars.numbers as Record<string, string>).onTheSpotDecision).to.equal(`${BODY_NAME}当罚〔2026〕1号`);
    expect((vars.served as Record<string, Record<string, unknown>>).onTheSpotDecision).to.include({ method: 'direct', recipient: NATURAL_PERSON.name });
    // when filed on 8 October and paid on 12 October
    await p.advanceTo('2026-10-08T09:00:00+08:00');
    await p.complete(pi, 'file-summary-decision', { filedAt: nowIso(p), remarks: '已备案' });
    await p.advanceTo('2026-10-12T10:00:00+08:00');
    await p.publish('payment-received', 'PS-200', { amount: 200, paidAt: nowIso(p), settled: true });
    await p.finished(pi);
    await p.expectNoIncidents(pi);
    expect(await p.completedElements(pi)).to.include.members(['check-summary-officers', 'record-on-spot-service', 'await-summary-payment', 'summary-closed']);
    const docs = await p.documents([pi]);
    expect(docs.map((d) => `${d.kind}/${d.format}/${d.number}`)).to.deep.equal([`on-the-spot-decision/pdf/${BODY_NAME}当罚〔2026〕1号`, `on-the-spot-decision/docx/${BODY_NAME}当罚〔2026〕1号`]);
    for (const d of docs) expect(d.sha256).to.match(/^[0-9a-f]{64}$/);
    // 处罚法 Art 52: the violation, kind and basis, amount, time, place, remedies (复议 first: 复议法 Art 23), authority, officers
    expect(docs[0]!.fields).to.include({
      partyName: NATURAL_PERSON.name, penaltyKind: '罚款', fineAmount: 200, fined: true, decidedAt: ACT_AT, place: '三明市三元区列东街与新市北路交叉口',
      paymentMethod: '到指定的银行或者通过电子支付系统缴纳', reconsiderationAuthority: REMEDIES.reconsiderationAuthority, litigationPeriod: '十五日',
    });
    expect(docs[0]!.fields.officers).to.deep.equal(OFFICERS);
    const service = await p.h.database.db.raw('select method, recipient from app.service_records where process_instance_key = ?', [pi]);
    expect(service.rows).to.deep.equal([{ method: 'direct', recipient: NATURAL_PERSON.name }]);
    expect(await alertsOf(p, [pi])).to.deep.equal([]);
  });

  it('applies to an organisation up to 3,000 yuan; a filing later than the next working day raises an overdue alert', async () => {
    p.startAt(ACT_AT);
    const pi = await p.start('penalty-summary', summaryCase('PS-3000', { party: PARTY, fine: 3000 }));
    current = pi;
    await decideOnTheSpot(pi);
    await p.task(pi, 'file-summary-decision');
    await p.advanceTo('2026-10-08T23:00:00+08:00');
    expect(await alertsOf(p, [pi])).to.deep.equal([]);
    await p.advanceTo('2026-10-09T09:00:00+08:00');
    await p.reached(pi, 'summary-filing-overdue-reported');
    expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'summaryFiling', level: 'overdue', status: 'overdue' }]);
    await p.complete(pi, 'file-summary-decision', { filedAt: nowIso(p), remarks: '逾期备案，已说明原因' });
    await p.publish('payment-received', 'PS-3000', { amount: 3000, paidAt: nowIso(p), settled: true });
    await p.finished(pi);
    const [doc] = await p.documents([pi]);
    expect(doc!.fields).to.include({ partyName: PARTY.name, fineAmount: 3000 });
  });

  it('collects 50 yuan on the spot (Art 68) and raises an alert when the cash reaches the agency later than 2 working days (Art 71): 8, 9 October', async () => {
    p.startAt(ACT_AT);
    const pi = await p.start('penalty-summary', summaryCase('PS-CASH', { fine: 50 }));
    current = pi;
    await decideOnTheSpot(pi);
    await p.complete(pi, 'collect-fine-on-spot', { amount: 50, receiptNumber: '闽财罚字第0012345号', collectedAt: nowIso(p) });
    const handover = await p.task(pi, 'hand-over-fine');
    expect(handover.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-09T23:59:59.999+08:00');
    expect(await p.completedElements(pi), 'no bank payment period for a fine collected on the spot').to.not.include('compute-summary-payment-deadline');
    await p.advanceTo('2026-10-08T09:00:00+08:00');
    await p.complete(pi, 'file-summary-decision', { filedAt: nowIso(p), remarks: '已备案' });
    await p.advanceTo('2026-10-10T09:00:00+08:00');
    await p.reached(pi, 'cash-handover-overdue-reported');
    expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'cashHandover', level: 'overdue', status: 'overdue' }]);
    await p.complete(pi, 'hand-over-fine', { handedOverAt: nowIso(p), receivedBy: '财务科 李某' });
    await p.finished(pi);
    const [doc] = await p.documents([pi]);
    expect(doc!.fields).to.include({ fineAmount: 50, paymentMethod: '当场缴纳，由执法人员出具财政部门统一制发的专用票据' });
  });

  it('gives a warning with no payment; a single officer is refused first (Art 42: two officers)', async () => {
    p.startAt(ACT_AT);
    const pi = await p.start('penalty-summary', summaryCase('PS-WARNING', { kind: 'warning', fine: null, officers: ['sanyuan-officer'] }));
    current = pi;
    await p.reached(pi, 'summary-officers-not-qualified');
    expect(((await p.variables(pi)).officersCheck as { tooFew: boolean }).tooFew).to.equal(true);
    await p.complete(pi, 'reassign-summary-officers', { officers: OFFICERS });
    await decideOnTheSpot(pi);
    await p.advanceTo('2026-10-08T09:00:00+08:00');
    await p.complete(pi, 'file-summary-decision', { filedAt: nowIso(p), remarks: '已备案' });
    await p.finished(pi);
    const done = await p.completedElements(pi);
    expect(done).to.not.include.members(['collect-fine-on-spot', 'compute-summary-payment-deadline']);
    const [doc] = await p.documents([pi]);
    expect(doc!.fields).to.include({ penaltyKind: '警告', fined: false });
    expect(doc!.fields).to.not.have.property('fineAmount');
  });

  it('applies to the court when an on-the-spot fine is not paid within 15 days and the body has no enforcement power', async () => {
    p.startAt(ACT_AT);
    const pi = await p.start('penalty-summary', summaryCase('PS-UNPAID'));
    current = pi;
    await decideOnTheSpot(pi);
    await p.advanceTo('2026-10-08T09:00:00+08:00');
    await p.complete(pi, 'file-summary-decision', { filedAt: nowIso(p), remarks: '已备案' });
    await p.advanceTo('2026-10-16T09:00:00+08:00');
    await p.reached(pi, 'summary-payment-overdue');
    const child = await calledInstance(p, pi, 'court-enforcement');
    await p.reached(child, 'compute-remedy-periods-end');
    expect(dueText(await deadlineRow(p, [child], 'remedyPeriodsEnd')), '6 months after the decision was handed over').to.equal('2027-03-30T23:59:59.999+08:00');
    expect(await activeElements(p, pi)).to.include('apply-summary-to-court');
    await cancel(p, pi);
  });

  describe('not applicable → converted to the ordinary procedure (三明市市监简易程序适用细则: no way back)', () => {
    async function expectConverted(caseId: string, variables: Record<string, unknown>): Promise<void> {
      p.startAt(ACT_AT);
      const pi = await p.start('penalty-summary', variables);
      current = pi;
      await p.finished(pi);
      expect(await p.completedElements(pi)).to.include.members(['convert-to-ordinary', 'converted-to-ordinary']);
      expect(await p.completedElements(pi)).to.not.include('assign-on-the-spot-number');
      // then the ordinary procedure runs for the same case, from the clue the officers found on the spot
      const verify = await p.task(null, 'verify-clue');
      const ordinary = verify.processInstanceKey;
      expect(verify.bpmnProcessId).to.equal('penalty-ordinary');
      expect(verify.variables).to.deep.include({ caseId, bodyId, caseCause: '在人行道上摆摊设点', remedies: REMEDIES, clue: { source: 'summary-procedure', receivedAt: ACT_AT, summary: '在列东街人行道上摆摊销售水果，占用人行道约3平方米' } });
      expect(verify.headers['io.camunda.zeebe:dueDate'], '15 working days from 30 September').to.equal('2026-10-27T23:59:59.999+08:00');
      await cancel(p, ordinary);
      expect(await p.documents([pi]), 'no on-the-spot decision').to.deep.equal([]);
    }

    it('converts a 201 yuan fine on a citizen (above 200)', async () => {
      await expectConverted('PS-201', summaryCase('PS-201', { fine: 201 }));
    });

    it('converts a reduced penalty within the threshold (Sanming exclusion)', async () => {
      await expectConverted('PS-REDUCED', summaryCase('PS-REDUCED', { party: PARTY, fine: 2000, reduced: true }));
    });
  });
});
