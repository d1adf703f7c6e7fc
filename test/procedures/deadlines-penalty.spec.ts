import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import {
  activeElements, alertsOf, BODY_NAME, describeState, disclosuresOf, fileCase, investigateAndReport, NATURAL_PERSON, nowIso, OFFICERS, PARTY, penaltyCase, penaltyDecision, REMEDIES,
  serveDirectly, TIMELINE, toAdvanceNoticeServed, waiveRights,
} from './support/penalty-case.js';

/**
 * The master deadline table (shared/domain/enforcement-law.md §4), penalty and criminal-transfer rows: for each row
 * the procedures model, the due date the workers computed from the official calendar and stored in app.deadlines
 * (start, length, unit, basis, due) and its timer firing at that instant — not a moment before — with what follows
 * (a supervision alert, a window closing, a surcharge). Rows the procedures enforce without a timer (P07, P13, P14,
 * P15, T05) show the stored date and the check that applies it; P12 and T04 are not modelled (see the last tests).
 */
describe('deadlines: master deadline table §4, rows P01–P15 and T01–T05', function () {
  this.timeout(60_000);
  const p = useProcedures('deadlines-penalty');
  let bodyId: number;
  let current: string | null = null;

  before(async () => {
    bodyId = await p.bodyId(BODY_NAME);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && current) process.stderr.write(`state of ${current}: ${await describeState(p, current)}\n`);
    current = null;
  });

  interface Stored {
    kind: string;
    start: string;
    length: number;
    unit: string;
    basis: string;
    due: string;
    dueDate: string;
    status: string;
  }

  /** The app.deadlines row of the instance (or one it called), with its instants in China time. */
  async function stored(pi: string, kind: string): Promise<Stored> {
    const keys = [pi, ...(await p.descendants(pi))];
    const r = await p.h.database.db.raw(
      `select kind, to_char(start at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') as start, length, unit, legal_basis as basis,
              to_char(due at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as due, to_char(due_date, 'YYYY-MM-DD') as due_date, status
         from app.deadlines where process_instance_key = any(?::bigint[]) and kind = ?`,
      [keys, kind],
    );
    expect(r.rows, `one app.deadlines row '${kind}'`).to.have.length(1);
    const row = r.rows[0] as Record<string, unknown>;
    return { kind: row.kind as string, start: row.start as string, length: Number(row.length), unit: row.unit as string, basis: row.basis as string, due: row.due as string, dueDate: row.due_date as string, status: row.status as string };
  }

  /**
   * The timer event `timer` fires exactly at `due`: not yet a second before (the scheduler has swept past that
   * instant), right after it; then `followUp` (the alert, the next step) completes.
   */
  async function firesAt(pi: string, due: string, timer: string, followUp?: string): Promise<void> {
    const dueMs = Date.parse(due);
    await p.advanceTo(new Date(dueMs - 1_000).toISOString());
    expect(await p.completedElements(pi), `${timer} a second before ${due}`).to.not.include(timer);
    await p.advanceTo(new Date(dueMs + 1).toISOString());
    await p.reached(pi, timer);
    if (followUp) await p.reached(pi, followUp);
  }

  async function startCase(caseId: string, party: Record<string, unknown> = PARTY): Promise<string> {
    p.startAt(TIMELINE.received);
    const pi = await p.start('penalty-ordinary', penaltyCase({ caseId, bodyId, receivedAt: TIMELINE.received, party }));
    current = pi;
    return pi;
  }

  /** Decided on 29 September 14:00 after a written waiver; the decision not yet served. */
  async function decided(caseId: string, fine = 8000): Promise<string> {
    const pi = await toAdvanceNoticeServed(p, { caseId, bodyId, proposal: { kinds: ['fine'], fine } });
    current = pi;
    await p.advanceTo('2026-09-29T11:00:00+08:00');
    await waiveRights(p, caseId);
    await p.advanceTo('2026-09-29T14:00:00+08:00');
    await p.complete(pi, 'decide-case', penaltyDecision(p, fine));
    await p.reached(pi, 'compute-decision-service-deadline');
    return pi;
  }

  async function servedAt(pi: string, at: string): Promise<void> {
    await p.advanceTo(at);
    await serveDirectly(p, pi);
    await p.reached(pi, 'compute-payment-deadline');
  }

  const cancel = async (pi: string) => {
    await p.client.cancelProcessInstance(pi);
    await p.finished(pi);
  };

  it('P01 clue verification: 15 WD from the clue (市监 Art 18) → 19 October; overdue alert when it passes unverified', async () => {
    const pi = await startCase('DL-P01');
    await p.task(pi, 'verify-clue');
    expect(await stored(pi, 'clueVerification')).to.deep.include({ start: '2026-09-21T09:00:00', length: 15, unit: 'WD', basis: '《市场监督管理行政处罚程序规定》第十八条', due: '2026-10-19T23:59:59.999', dueDate: '2026-10-19', status: 'running' });
    await firesAt(pi, '2026-10-19T23:59:59.999+08:00', 'clue-verification-overdue', 'alert-clue-verification-overdue');
    expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'clueVerification', level: 'overdue', status: 'overdue' }]);
    expect(await activeElements(p, pi), 'the task stays open: the alert does not decide for the officer').to.include('verify-clue');
    await cancel(pi);
  });

  it('P02 case limit: 90 CD from filing (处罚法 Art 60) → 21 December; near-due 10 days before, overdue alert at the end', async () => {
    const pi = await startCase('DL-P02');
    await fileCase(p, pi, { verifiedAt: TIMELINE.verified, filedAt: TIMELINE.filed });
    await p.task(pi, 'investigate');
    expect(await stored(pi, 'caseLimit')).to.deep.include({ start: '2026-09-22T10:00:00', length: 90, unit: 'CD', basis: '《行政处罚法》第六十条', due: '2026-12-21T23:59:59.999', status: 'running' });
    await firesAt(pi, '2026-12-11T23:59:59.999+08:00', 'case-limit-near-due', 'alert-case-limit-near-due');
    await firesAt(pi, '2026-12-21T23:59:59.999+08:00', 'case-limit-overdue', 'alert-case-limit-overdue');
    expect(await alertsOf(p, [pi])).to.deep.equal([
      { deadline: 'caseLimit', level: 'near-due', status: 'overdue' },
      { deadline: 'caseLimit', level: 'overdue', status: 'overdue' },
    ]);
    // exclusions (hearing, public notice, police period) and the extension: penalty-ordinary.spec.ts and service-of-documents.spec.ts
    await cancel(pi);
  });

  it('P03 evidence preservation: decision within 7 WD of the approval (处罚法 Arts 56, 85) → 10 October (调休); lapses with an alert', async () => {
    const pi = await startCase('DL-P03');
    await fileCase(p, pi, { verifiedAt: TIMELINE.verified, filedAt: TIMELINE.filed });
    await p.task(pi, 'investigate');
    await p.advanceTo('2026-09-23T14:00:00+08:00');
    await p.publish('evidence-preservation-requested', 'DL-P03', { preservation: { items: [{ name: '折叠餐桌', quantity: 12, unit: '张' }], reason: '证据可能灭失' } });
    await p.advanceTo('2026-09-23T15:00:00+08:00');
    await p.complete(pi, 'approve-evidence-preservation', { approved: true, opinion: '同意', decidedAt: nowIso(p) });
    await p.task(pi, 'decide-preserved-evidence');
    expect(await stored(pi, 'evidencePreservation')).to.deep.include({ start: '2026-09-23T15:00:00', length: 7, unit: 'WD', basis: '《行政处罚法》第五十六条', due: '2026-10-10T23:59:59.999' });
    await firesAt(pi, '2026-10-10T23:59:59.999+08:00', 'evidence-preservation-lapsed', 'alert-evidence-preservation-lapsed');
    expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'evidencePreservation', level: 'overdue', status: 'overdue' }]);
    await cancel(pi);
  });

  it('P04 case review: 10 WD from the report (市监 flow) → 15 October; overdue alert', async () => {
    const pi = await startCase('DL-P04');
    await fileCase(p, pi, { verifiedAt: TIMELINE.verified, filedAt: TIMELINE.filed });
    await p.advanceTo(TIMELINE.reported);
    await investigateAndReport(p, pi, { kinds: ['fine'], fine: 8000 });
    await p.task(pi, 'review-case');
    expect(await stored(pi, 'caseReview')).to.deep.include({ start: '2026-09-24T16:00:00', length: 10, unit: 'WD', basis: '《市场监督管理行政处罚程序规定》（案件审核）', due: '2026-10-15T23:59:59.999' });
    await firesAt(pi, '2026-10-15T23:59:59.999+08:00', 'case-review-overdue', 'alert-case-review-overdue');
    expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'caseReview', level: 'overdue', status: 'overdue' }]);
    await cancel(pi);
  });

  it('P05 statement and defence: 5 WD from the advance notice (市监) → 12 October; the window closes and the case goes on to the decision', async () => {
    const pi = await toAdvanceNoticeServed(p, { caseId: 'DL-P05', bodyId, proposal: { kinds: ['fine'], fine: 8000 } });
    current = pi;
    expect(await stored(pi, 'statementWindow')).to.deep.include({ start: '2026-09-29T10:00:00', length: 5, unit: 'WD', due: '2026-10-12T23:59:59.999' });
    expect((await stored(pi, 'statementWindow')).basis).to.contain('《行政处罚法》第四十四条、第四十五条');
    await firesAt(pi, '2026-10-12T23:59:59.999+08:00', 'statement-window-closes');
    await p.task(pi, 'decide-case');
    await cancel(pi);
  });

  it('P06 hearing request: 5 WD from the notice with the hearing right (处罚法 Arts 64(1), 85) → 12 October; unused, the right lapses', async () => {
    const pi = await toAdvanceNoticeServed(p, { caseId: 'DL-P06', bodyId, party: NATURAL_PERSON, proposal: { kinds: ['fine'], fine: 12000 } });
    current = pi;
    expect(await stored(pi, 'hearingRequestWindow')).to.deep.include({ start: '2026-09-29T10:00:00', length: 5, unit: 'WD', basis: '《行政处罚法》第六十四条第一项、第八十五条', due: '2026-10-12T23:59:59.999' });
    await firesAt(pi, '2026-10-12T23:59:59.999+08:00', 'hearing-window-closes');
    await p.task(pi, 'decide-case');
    const done = await p.completedElements(pi);
    expect(done).to.include('close-hearing-window');
    expect(done).to.not.include('hearing-procedure');
    await cancel(pi);
  });

  it('P07 hearing notice: at least 7 WD before the hearing (Art 64(2)); no timer — generate-document refuses an earlier hearing, the gateway checks the served notice', async () => {
    const pi = await toAdvanceNoticeServed(p, { caseId: 'DL-P07', bodyId, party: NATURAL_PERSON, proposal: { kinds: ['fine'], fine: 12000 } });
    current = pi;
    await p.advanceTo('2026-10-09T10:00:00+08:00');
    await p.publish('hearing-requested', 'DL-P07', { requestedAt: nowIso(p) });
    await p.advanceTo('2026-10-13T09:00:00+08:00');
    await p.complete(pi, 'schedule-hearing', { presidingOfficer: 'sanyuan-reviewer', hearingAt: '2026-10-22T09:30:00+08:00', place: '听证室', public: true });
    await p.reached(pi, 'hearing-notice-too-late');
    expect((await p.variables(pi)).earliestHearingDate, 'issued 13 Oct: 14, 15, 16, 19, 20, 21, 22 Oct are the 7 WD').to.equal('2026-10-23');
    await p.complete(pi, 'schedule-hearing', { presidingOfficer: 'sanyuan-reviewer', hearingAt: '2026-10-23T09:30:00+08:00', place: '听证室', public: true });
    await p.advanceTo('2026-10-13T11:00:00+08:00');
    await serveDirectly(p, pi, '陈某某');
    await p.reached(pi, 'compute-hearing-notice-minimum');
    expect(await stored(pi, 'hearingNoticeMinimum')).to.deep.include({ start: '2026-10-13T11:00:00', length: 7, unit: 'WD', due: '2026-10-22T23:59:59.999' });
    await p.task(pi, 'hold-hearing');
    await cancel(pi);
  });

  it('P08 decision service: 7 WD from the decision (Art 61) → 14 October; overdue alert while not served', async () => {
    const pi = await decided('DL-P08');
    expect(await stored(pi, 'decisionService')).to.deep.include({ start: '2026-09-29T14:00:00', length: 7, unit: 'WD', basis: '《行政处罚法》第六十一条', due: '2026-10-14T23:59:59.999' });
    await firesAt(pi, '2026-10-14T23:59:59.999+08:00', 'decision-service-overdue', 'alert-decision-service-overdue');
    expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'decisionService', level: 'overdue', status: 'overdue' }]);
    await cancel(pi);
  });

  it('P09 payment: 15 CD from service (Art 67) → 14 October; the timer ends the payment wait and the surcharge starts', async () => {
    const pi = await decided('DL-P09');
    await servedAt(pi, '2026-09-29T15:00:00+08:00');
    expect(await stored(pi, 'payment')).to.deep.include({ start: '2026-09-29T15:00:00', length: 15, unit: 'CD', basis: '《行政处罚法》第六十七条第三款', due: '2026-10-14T23:59:59.999' });
    await firesAt(pi, '2026-10-14T23:59:59.999+08:00', 'payment-overdue', 'compute-surcharge');
    await cancel(pi);
  });

  it('P10 surcharge: 3% a day from the day after the deadline, capped at the fine on the 34th day (Art 72; 强制法 Art 45); 30 days of it (强制法 Art 46) end on 13 November', async () => {
    const pi = await decided('DL-P10', 5000);
    await servedAt(pi, '2026-09-29T15:00:00+08:00');
    await p.advanceTo('2026-10-15T09:00:00+08:00');
    await p.reached(pi, 'compute-surcharge-enforceable');
    expect((await p.variables(pi)).surcharge).to.include({ firstDay: '2026-10-15', dailyAmount: 150, days: 1, amount: 150, capReachedOn: '2026-11-17', capped: false });
    expect(await stored(pi, 'surchargeEnforceable')).to.deep.include({ start: '2026-10-14T23:59:59', length: 30, unit: 'CD', basis: '《行政强制法》第四十六条', due: '2026-11-13T23:59:59.999' });
    await firesAt(pi, '2026-11-13T23:59:59.999+08:00', 'surcharge-period-elapsed', 'record-unpaid');
    await cancel(pi);
  });

  it('P11 on-the-spot cash: to the agency within 2 WD (Art 71) → 9 October; overdue alert', async () => {
    p.startAt('2026-09-30T10:00:00+08:00');
    const pi = await p.start('penalty-summary', {
      caseId: 'DL-P11', bodyId, bodyName: BODY_NAME, field: 'urban-management', party: NATURAL_PERSON, officers: OFFICERS, actAt: '2026-09-30T10:00:00+08:00', caseCause: '摆摊设点',
      violation: { facts: '在人行道上摆摊', basis: '《福建省城市市容和环境卫生管理办法》第二十条 (U)', place: '列东街' }, proposedPenalty: { kind: 'fine', fine: 50 },
      mitigation: { reduced: false }, amountDependsOnIncome: false, onSpotCollection: false, agencyEnforcementPower: false, remedies: REMEDIES,
    });
    current = pi;
    await p.complete(pi, 'inform-party-on-spot', { certificatesShown: true, informed: true, statementMade: false, adopted: false });
    await p.complete(pi, 'deliver-on-spot', { delivered: true, partySigned: true, deliveredAt: nowIso(p) });
    await p.complete(pi, 'collect-fine-on-spot', { amount: 50, receiptNumber: '闽财罚字第0012399号', collectedAt: nowIso(p) });
    await p.task(pi, 'hand-over-fine');
    expect(await stored(pi, 'cashHandover')).to.deep.include({ start: '2026-09-30T10:00:00', length: 2, unit: 'WD', basis: '《行政处罚法》第七十一条', due: '2026-10-09T23:59:59.999' });
    await firesAt(pi, '2026-10-09T23:59:59.999+08:00', 'cash-handover-overdue', 'alert-cash-handover-overdue');
    expect((await alertsOf(p, [pi])).map((a) => a.deadline)).to.include('cashHandover');
    await cancel(pi);
  });

  it('P13 penalty decision disclosed within 7 WD of the decision (Art 48; 国办发〔2018〕118号) → 14 October: a disclosure queue entry, no timer', async () => {
    const pi = await decided('DL-P13');
    await servedAt(pi, '2026-09-29T15:00:00+08:00');
    const [entry] = await disclosuresOf(p, [pi]);
    expect(entry).to.deep.include({ kind: 'penalty-decision', dueDate: '2026-10-14' });
    await cancel(pi);
  });

  it('P14 other enforcement decisions disclosed within 20 WD (国办发〔2018〕118号): a no-penalty decision of 29 September → 2 November', async () => {
    const pi = await toAdvanceNoticeServed(p, { caseId: 'DL-P14', bodyId, proposal: { kinds: ['warning'] } });
    current = pi;
    await p.advanceTo('2026-09-29T11:00:00+08:00');
    await waiveRights(p, 'DL-P14');
    await p.advanceTo('2026-09-29T14:00:00+08:00');
    await p.complete(pi, 'decide-case', { outcome: 'no-penalty-not-established', basis: '《中华人民共和国行政处罚法》第五十七条第一款第（三）项', reasons: '违法事实不能成立', decidedAt: nowIso(p) });
    await p.advanceTo('2026-09-29T15:00:00+08:00');
    await serveDirectly(p, pi);
    await p.task(pi, 'close-case');
    const [entry] = await disclosuresOf(p, [pi]);
    expect(entry).to.deep.include({ kind: 'other-decision', dueDate: '2026-11-02' });
    await cancel(pi);
  });

  it('P15 limitation: 2 years from the act, 5 years with harmful consequences to life, health or finance (Art 36): checked when the clue is verified, no timer', async () => {
    // an act of 10 March 2024 discovered on 21 September 2026: 2 years passed on 10 March 2026
    const late = await startCase('DL-P15-2Y');
    await p.advanceTo(TIMELINE.verified);
    await p.complete(late, 'verify-clue', { facts: '占道', violationDate: '2024-03-10T10:00:00+08:00', specialLimitation: false, recommendFiling: true, opinion: '建议立案' });
    await p.finished(late);
    expect(await p.completedElements(late)).to.include('limitation-expired');
    // the same act with harmful consequences (special 5-year limitation) can still be filed
    const special = await startCase('DL-P15-5Y');
    await p.advanceTo(TIMELINE.verified);
    await p.complete(special, 'verify-clue', { facts: '占道致行人受伤', violationDate: '2024-03-10T10:00:00+08:00', specialLimitation: true, recommendFiling: true, opinion: '建议立案' });
    await p.task(special, 'approve-filing');
    await cancel(special);
  });

  describe('criminal transfer (移送规定)', () => {
    async function transfer(caseId: string, at: string): Promise<string> {
      p.startAt(at);
      const pi = await p.start('criminal-transfer', {
        caseId, bodyId, field: 'urban-management', party: PARTY, caseCause: '擅自占用城市道路', filing: { officers: OFFICERS },
        decision: { outcome: 'transfer-criminal', decidedAt: at },
      });
      current = pi;
      await p.complete(pi, 'prepare-transfer-report', { policeAuthority: '三明市公安局三元分局', summary: '涉嫌妨害公务', materials: ['transfer-letter', 'investigation-report'], seizedProperty: false, submittedAt: nowIso(p) });
      return pi;
    }

    it('T01 approval within 3 days of the report (Art 5; CD (U)) → 3 October is a holiday → 8 October; overdue alert', async () => {
      const pi = await transfer('DL-T01', '2026-09-30T11:00:00+08:00');
      await p.task(pi, 'approve-transfer');
      expect(await stored(pi, 'transferApproval')).to.deep.include({ start: '2026-09-30T11:00:00', length: 3, unit: 'CD', basis: '《行政执法机关移送涉嫌犯罪案件的规定》第五条', due: '2026-10-08T23:59:59.999' });
      await firesAt(pi, '2026-10-08T23:59:59.999+08:00', 'transfer-approval-overdue', 'alert-transfer-approval-overdue');
      expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'transferApproval', level: 'overdue', status: 'overdue' }]);
      await cancel(pi);
    });

    it('T02 transfer within 24 hours of the approval (Art 5): clock hours through the holiday; overdue alert', async () => {
      const pi = await transfer('DL-T02', '2026-09-30T11:00:00+08:00');
      await p.advanceTo('2026-09-30T15:00:00+08:00');
      await p.complete(pi, 'approve-transfer', { approved: true, opinion: '同意', decidedAt: nowIso(p) });
      await p.task(pi, 'dispatch-transfer');
      expect(await stored(pi, 'transferDispatch')).to.deep.include({ start: '2026-09-30T15:00:00', length: 24, unit: 'H', due: '2026-10-01T15:00:00.000' });
      await firesAt(pi, '2026-10-01T15:00:00.000+08:00', 'transfer-dispatch-overdue', 'alert-transfer-dispatch-overdue');
      expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'transferDispatch', level: 'overdue', status: 'overdue' }]);
      await cancel(pi);
    });

    it('T03 police decision within 3 days of the transfer (Art 8 (U)) → 20 October; alert; T05 items within 3 days of the 立案 notice → dueDate of the hand-over (no timer)', async () => {
      const pi = await transfer('DL-T03', '2026-10-12T10:00:00+08:00');
      await p.complete(pi, 'approve-transfer', { approved: true, opinion: '同意', decidedAt: nowIso(p) });
      await p.advanceTo('2026-10-17T11:00:00+08:00');
      await p.complete(pi, 'dispatch-transfer', { transferredAt: nowIso(p), receipt: '回执' });
      await p.reached(pi, 'compute-police-decision-deadline');
      expect(await stored(pi, 'policeDecision')).to.deep.include({ start: '2026-10-17T11:00:00', length: 3, unit: 'CD', due: '2026-10-20T23:59:59.999' });
      await firesAt(pi, '2026-10-20T23:59:59.999+08:00', 'police-decision-overdue', 'alert-police-decision-overdue');
      await p.publish('police-decision-received', 'DL-T03', { accepted: true, decidedAt: nowIso(p), reasons: '立案侦查' });
      const handover = await p.task(pi, 'hand-over-items');
      // 21 October 00:00:00.001 + 3 days → 24 October is a Saturday → 26 October
      expect(await stored(pi, 'itemHandover')).to.deep.include({ length: 3, unit: 'CD', basis: '《行政执法机关移送涉嫌犯罪案件的规定》第十二条', due: '2026-10-26T23:59:59.999' });
      expect(handover.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-26T23:59:59.999+08:00');
      await cancel(pi);
    });
  });

  describe('rows not modelled by the procedures (pending)', () => {
    // queue-disclosure supports kind 'withdrawal' (3 WD), but no procedure changes or revokes a disclosed decision:
    // that follows 复议/诉讼 outcomes, which no procedure here receives
    it('P12 withdrawal of a disclosed decision within 3 WD (处罚法 Art 48 para 2)');
    // consider-police-review (criminal-transfer) has no due date and no timer; the 3 days for the police's own
    // review are the police's, outside the platform
    it('T04 3 days to ask the police to review a refusal (移送规定 Art 9 (U))');
  });
});
