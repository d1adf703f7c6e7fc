import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import {
  activeElements, alertsOf, BODY_NAME, calledInstance, cancel, closeCase, completeAnywhere, deadlineRow, describeState, disclosuresOf, dueText, EVIDENCE, FACTS, fileCase, investigateAndReport, NATURAL_PERSON,
  nowIso, numberPattern, OFFICERS, PARTY, penaltyCase, penaltyDecision, PERFORMANCE, PREFIX, reachedAnywhere, reachedTimes, REMEDIES, serveDecisionPayAndClose, serveDirectly, TIMELINE, toAdvanceNoticeServed, waitForVariable, waiveRights,
} from './support/penalty-case.js';

/**
 * 行政处罚普通程序 (processes/penalty-ordinary.bpmn) on the engine with its controlled clock and the real workers: every
 * branch of the procedure, with the due dates the workers computed from the official holiday calendar (中秋 25–27
 * September, 国庆 1–7 October 2026, 调休 Saturday 10 October) and the documents they produced.
 */
describe('penalty-ordinary: 行政处罚普通程序 end to end (engine, workers, demo data, official calendar)', function () {
  this.timeout(60_000);
  const p = useProcedures('penalty-ordinary');
  let bodyId: number;
  let current: string | null = null;

  before(async () => {
    bodyId = await p.bodyId(BODY_NAME);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && current) process.stderr.write(`state of ${current}: ${await describeState(p, current)}\n`);
    current = null;
  });

  const numbers = async (pi: string) => (await p.variables(pi)).numbers as Record<string, string>;
  const deadlines = async (pi: string) => (await p.variables(pi)).deadlines as Record<string, string>;
  const keysOf = async (pi: string) => [pi, ...(await p.descendants(pi))];

  describe('happy path: clue → filing → investigation → review → notice → statement window over National Day → penalty → service → payment → disclosure → closure', () => {
    it('computes every due date across 中秋/国庆 2026 and the 10 October 调休, and produces the numbered documents (the first case of the year: numbers 1)', async () => {
      // given a complaint received on Monday 21 September 2026
      p.startAt('2026-09-21T09:00:00+08:00');
      const pi = await p.start('penalty-ordinary', penaltyCase({ caseId: 'PO-HAPPY', bodyId, receivedAt: '2026-09-21T09:00:00+08:00' }));
      current = pi;

      // then the clue must be verified within 15 working days (市监程序规定 Art 18): 25–27 Sep and 1–7 Oct are holidays,
      // 10 Oct (Saturday) is a working day → Monday 19 October
      const verify = await p.task(pi, 'verify-clue');
      expect(verify.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-19T23:59:59.999+08:00');
      expect(verify.headers['io.camunda.zeebe:candidateGroups']).to.equal(`["${bodyId}:officer"]`);

      // when verified and filed on 22 September
      await fileCase(p, pi, { verifiedAt: '2026-09-22T09:00:00+08:00', filedAt: '2026-09-22T10:00:00+08:00' });

      // then the case has its 案号 and the 90-day limit runs to 21 December (处罚法 Art 60), warned 10 days before
      await p.reached(pi, 'compute-case-limit');
      expect((await numbers(pi)).caseNumber).to.equal(`${PREFIX}立〔2026〕1号`);
      expect(await deadlines(pi)).to.include({ caseLimit: '2026-12-21T23:59:59.999+08:00', caseLimitWarning: '2026-12-11T23:59:59.999+08:00' });

      // when the officers investigate and report on 24 September
      await p.advanceTo('2026-09-24T16:00:00+08:00');
      await investigateAndReport(p, pi, { kinds: ['fine'], fine: 8000 });

      // then the review is due in 10 working days: 15 October
      const review = await p.task(pi, 'review-case');
      expect(review.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-15T23:59:59.999+08:00');
      expect(review.headers['io.camunda.zeebe:candidateGroups']).to.equal(`["${bodyId}:reviewer"]`);
      await p.advanceTo('2026-09-28T10:00:00+08:00');
      await p.complete(pi, 'review-case', { approved: true, opinion: '事实清楚，证据确凿', reviewedAt: nowIso(p) });

      // when the advance notice is handed to the party on Tuesday 29 September
      await p.advanceTo('2026-09-29T10:00:00+08:00');
      await serveDirectly(p, pi);

      // then the statement window (5 working days, 市监) ends on Monday 12 October: 30 Sep, 8, 9, 10 (调休), 12 Oct;
      // an organisation fined 8,000 yuan has no hearing right (处罚法 Art 63; threshold 100,000)
      await p.reached(pi, 'compute-hearing-request-window');
      let vars = await p.variables(pi);
      expect((vars.deadlines as Record<string, string>).statementWindow).to.equal('2026-10-12T23:59:59.999+08:00');
      expect(vars.hearing).to.include({ hearingRight: false });
      expect((vars.served as Record<string, Record<string, unknown>>).penaltyAdvanceNotice).to.include({ servedAt: '2026-09-29T10:00:00.000+08:00', method: 'direct' });

      // when the window passes without a statement (the head has nothing to decide before)
      await p.advanceTo('2026-10-12T23:00:00+08:00');
      expect(p.openTasks(pi)).to.not.include('decide-case');
      await p.advanceTo('2026-10-13T10:00:00+08:00');

      // then the head decides (no legal review, no collective discussion needed) on 13 October
      await p.complete(pi, 'decide-case', penaltyDecision(p, 8000));

      // and the decision must be served within 7 working days (Art 61): 22 October
      await p.reached(pi, 'compute-decision-service-deadline');
      expect((await deadlines(pi)).decisionService).to.equal('2026-10-22T23:59:59.999+08:00');
      expect((await numbers(pi)).penaltyDecision).to.equal(`${PREFIX}罚决〔2026〕1号`);

      // when served on the same afternoon
      await p.advanceTo('2026-10-13T15:00:00+08:00');
      await serveDirectly(p, pi);

      // then the fine is due in 15 days (Art 67): 28 October; the decision is queued for disclosure within 7 WD (Art 48)
      await p.reached(pi, 'compute-payment-deadline');
      vars = await p.variables(pi);
      expect((vars.deadlines as Record<string, string>).payment).to.equal('2026-10-28T23:59:59.999+08:00');
      expect(vars.disclosure).to.include({ kind: 'penalty-decision', dueDate: '2026-10-22' });

      // when the party pays on 20 October
      await p.advanceTo('2026-10-20T10:00:00+08:00');
      await p.publish('payment-received', 'PO-HAPPY', { amount: 8000, paidAt: nowIso(p), settled: true });

      // then the case is closed with the head's approval
      await closeCase(p, pi, 'executed', '罚款已缴清');
      await p.expectNoIncidents(pi);

      const keys = await keysOf(pi);
      const docs = await p.documents(keys);
      expect(docs.map((d) => `${d.kind}/${d.format}/${d.number ?? '-'}`)).to.deep.equal([
        `penalty-advance-notice/pdf/${PREFIX}罚告〔2026〕1号`,
        `penalty-advance-notice/docx/${PREFIX}罚告〔2026〕1号`,
        `penalty-decision/pdf/${PREFIX}罚决〔2026〕1号`,
        `penalty-decision/docx/${PREFIX}罚决〔2026〕1号`,
        'closure-approval/pdf/-',
        'closure-approval/docx/-',
      ]);
      for (const d of docs) expect(d.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(new Set(docs.map((d) => d.sha256)).size, 'every file differs').to.equal(docs.length);
      const notice = docs.find((d) => d.kind === 'penalty-advance-notice')!;
      expect(notice.fields).to.include({ partyName: PARTY.name, proposedPenalty: '罚款人民币8000元', statementDeadline: '自收到本告知书之日起5个工作日内', hearingApplicable: false });
      const decision = docs.find((d) => d.kind === 'penalty-decision')!;
      // 处罚法 Art 59: party, facts and evidence, penalty and basis, performance, remedies, authority
      expect(decision.fields).to.include({
        partyName: PARTY.name, partyAddress: PARTY.address, partyIdNumber: PARTY.idNumber, violationFacts: FACTS, penaltyContent: '罚款人民币8000元', fineAmount: 8000,
        performanceMethod: PERFORMANCE, reconsiderationAuthority: REMEDIES.reconsiderationAuthority, litigationCourt: REMEDIES.litigationCourt, performanceDeadline: '自收到本决定书之日起十五日内',
      });
      expect(decision.fields.evidence).to.deep.equal(EVIDENCE);
      const closure = docs.find((d) => d.kind === 'closure-approval')!;
      expect(closure.fields).to.include({ caseNumber: `${PREFIX}立〔2026〕1号`, decisionNumber: `${PREFIX}罚决〔2026〕1号`, outcome: '罚款人民币8000元', ground: '执行完毕', performance: '罚款已缴清' });

      expect(await disclosuresOf(p, keys)).to.deep.equal([
        { kind: 'penalty-decision', dueDate: '2026-10-22', subject: { documentNumber: `${PREFIX}罚决〔2026〕1号`, partyName: PARTY.name, authority: BODY_NAME, outcome: 'penalty' } },
      ]);
      expect(dueText(await deadlineRow(p, keys, 'payment'))).to.equal('2026-10-28T23:59:59.999+08:00');
      expect(await alertsOf(p, keys), 'no deadline was missed').to.deep.equal([]);
    });
  });

  describe('not filed (不予立案)', () => {
    it('refuses a case discovered after the 2-year limitation (处罚法 Art 36) and records the 不予立案审批表', async () => {
      p.startAt(TIMELINE.received);
      const pi = await p.start('penalty-ordinary', penaltyCase({ caseId: 'PO-LIMITATION', bodyId, receivedAt: TIMELINE.received }));
      current = pi;
      // when the verification finds the act ended on 10 March 2024: the last day to discover it was 10 March 2026
      await p.advanceTo(TIMELINE.verified);
      await p.complete(pi, 'verify-clue', { facts: '当事人于2024年3月10日在新市北路占道堆放建材，当日已清理。', violationDate: '2024-03-10T10:00:00+08:00', specialLimitation: false, recommendFiling: false, opinion: '已过追责时效' });
      // then the case ends not filed, without asking the head
      await p.finished(pi);
      const done = await p.completedElements(pi);
      expect(done).to.include.members(['limitation-expired', 'generate-not-filing-approval', 'case-not-filed']);
      expect(done).to.not.include('approve-filing');
      const docs = await p.documents([pi]);
      expect(docs.map((d) => `${d.kind}/${d.format}/${d.number ?? '-'}`)).to.deep.equal(['not-filing-approval/pdf/-', 'not-filing-approval/docx/-']);
      expect(docs[0]!.fields).to.include({ partyName: PARTY.name, clueSource: '投诉举报', clueReceivedAt: TIMELINE.received });
      expect(docs[0]!.fields.reasonBasis).to.match(/^《中华人民共和国行政处罚法》第三十六条/);
      expect(docs[0]!.fields.reason).to.equal('超过行政处罚追责时效：违法行为自2024-03-10起计算，至2026-09-21发现，已超过2年');
    });

    it('ends not filed when the head decides not to file, with the head\'s reason on the 不予立案审批表', async () => {
      p.startAt(TIMELINE.received);
      const pi = await p.start('penalty-ordinary', penaltyCase({ caseId: 'PO-NOT-FILED', bodyId, receivedAt: TIMELINE.received }));
      current = pi;
      await p.advanceTo(TIMELINE.verified);
      await p.complete(pi, 'verify-clue', { facts: '经核查，投诉所指桌椅系经批准的临时摆放。', violationDate: '2026-09-18T10:00:00+08:00', specialLimitation: false, recommendFiling: false, opinion: '建议不予立案' });
      await p.advanceTo(TIMELINE.filed);
      await p.complete(pi, 'approve-filing', { fileCase: false, officers: [], filedAt: nowIso(p), reason: '当事人已取得临时占用城市道路许可，违法事实不成立' });
      await p.finished(pi);
      expect(await p.completedElements(pi)).to.include.members(['approve-filing', 'case-not-filed']);
      const [doc] = await p.documents([pi]);
      expect(doc!.kind).to.equal('not-filing-approval');
      expect(doc!.fields).to.include({ reason: '当事人已取得临时占用城市道路许可，违法事实不成立', officerOpinion: '建议不予立案', verificationFacts: '经核查，投诉所指桌椅系经批准的临时摆放。' });
    });
  });

  describe('hearing (听证, 处罚法 Arts 63–65)', () => {
    it('offers the hearing for a 12,000 yuan fine on a citizen, refuses a date less than 7 working days after the notice, holds it, pauses the 90-day limit for it and requires the legal review', async () => {
      const pi = await toAdvanceNoticeServed(p, { caseId: 'PO-HEARING', bodyId, party: NATURAL_PERSON, proposal: { kinds: ['fine'], fine: 12000 } });
      current = pi;
      // then the party is told of the hearing right with a 5-working-day window: 12 October
      let vars = await p.variables(pi);
      expect(vars.hearing).to.include({ hearingRight: true });
      expect((vars.deadlines as Record<string, string>).hearingRequestWindow).to.equal('2026-10-12T23:59:59.999+08:00');
      // when the party asks for a hearing on 9 October (in time)
      await p.advanceTo('2026-10-09T10:00:00+08:00');
      await p.publish('hearing-requested', 'PO-HEARING', { requestedAt: nowIso(p) });
      await p.reached(pi, 'hearing-request-accepted');
      // and both windows have passed on 13 October, when the head schedules the hearing for 20 October
      await p.advanceTo('2026-10-13T09:00:00+08:00');
      await p.complete(pi, 'schedule-hearing', { presidingOfficer: 'sanyuan-reviewer', hearingAt: '2026-10-20T09:30:00+08:00', place: '三元区城市管理局三楼听证室', public: true });
      // then the hearing notice is refused: a notice issued on 13 October allows a hearing from 23 October (Art 64(2))
      await p.reached(pi, 'hearing-notice-too-late');
      expect((await p.variables(pi)).earliestHearingDate).to.equal('2026-10-23');
      // when the head schedules it for Monday 26 October
      await p.complete(pi, 'schedule-hearing', { presidingOfficer: 'sanyuan-reviewer', hearingAt: '2026-10-26T09:30:00+08:00', place: '三元区城市管理局三楼听证室', public: true });
      await p.advanceTo('2026-10-13T11:00:00+08:00');
      await serveDirectly(p, pi, '陈某某');
      // then the notice came 7 working days ahead (22 October), and the 90-day limit excludes the hearing period:
      // 9–26 October (18 days) → 8 January 2027 instead of 21 December
      await p.reached(pi, 'compute-hearing-notice-minimum');
      const hold = await p.task(pi, 'hold-hearing');
      expect(hold.headers['io.camunda.zeebe:assignee']).to.equal('sanyuan-reviewer');
      expect(hold.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-26T09:30:00+08:00');
      await waitForVariable(p, pi, 'deadlines.caseLimit', '2027-01-08T23:59:59.999+08:00');
      vars = await p.variables(pi);
      expect((vars.deadlines as Record<string, string>).hearingNoticeMinimum).to.equal('2026-10-22T23:59:59.999+08:00');
      expect((vars.caseClock as { pauses: Array<Record<string, unknown>> }).pauses).to.deep.equal([{ id: 'hearing', from: '2026-10-09T10:00:00+08:00', to: '2026-10-26T09:30:00+08:00', reason: 'hearing' }]);
      expect((vars.deadlines as Record<string, string>).caseLimit).to.equal('2027-01-08T23:59:59.999+08:00');
      // when the hearing is held on 26 October and ends at 11:30
      await p.advanceTo('2026-10-26T11:30:00+08:00');
      await p.complete(pi, 'hold-hearing', { held: true, partyAppeared: true, deemedWaived: false, signedByParty: true, summary: '当事人对违法事实无异议，请求从轻处罚。', endedAt: nowIso(p) });
      // then the legal review is required (Art 58(1)(二): major rights, after a hearing)
      const review = await p.task(pi, 'legal-review');
      expect(review.headers['io.camunda.zeebe:candidateGroups']).to.equal(`["${bodyId}:reviewer"]`);
      await waitForVariable(p, pi, 'caseClock.pauses', [{ id: 'hearing', from: '2026-10-09T10:00:00+08:00', to: '2026-10-26T11:30:00+08:00', reason: 'hearing' }]);
      vars = await p.variables(pi);
      expect((vars.legalReview as { required: boolean }).required).to.equal(true);
      expect((vars.caseClock as { pauses: Array<Record<string, unknown>> }).pauses).to.deep.equal([{ id: 'hearing', from: '2026-10-09T10:00:00+08:00', to: '2026-10-26T11:30:00+08:00', reason: 'hearing' }]);
      expect((vars.deadlines as Record<string, string>).caseLimit).to.equal('2027-01-08T23:59:59.999+08:00');
      await p.advanceTo('2026-10-27T10:00:00+08:00');
      await p.complete(pi, 'legal-review', { conclusion: 'pass', opinion: '程序合法，适用法律正确', reviewedAt: nowIso(p) });
      // when the head decides the proposed fine on 28 October, no heavier than notified
      await p.advanceTo('2026-10-28T10:00:00+08:00');
      await p.complete(pi, 'decide-case', penaltyDecision(p, 12000));
      await p.reached(pi, 'compute-decision-service-deadline');
      await serveDecisionPayAndClose(p, pi, 'PO-HEARING', 12000);

      const docs = await p.documents(await keysOf(pi));
      expect(docs.filter((d) => d.format === 'pdf').map((d) => d.kind)).to.deep.equal(['penalty-advance-notice', 'hearing-notice', 'penalty-decision', 'closure-approval']);
      const notice = docs.find((d) => d.kind === 'penalty-advance-notice')!;
      expect(notice.fields).to.include({ hearingApplicable: true, hearingRequestDeadline: '自收到本告知书之日起五个工作日内' });
      const hearingNotice = docs.find((d) => d.kind === 'hearing-notice')!;
      expect(hearingNotice.number).to.match(numberPattern('听通'));
      expect(hearingNotice.fields).to.include({ hearingTime: '2026-10-26T09:30:00+08:00', presidingOfficer: 'sanyuan-reviewer', publicHearing: true, caseCause: '擅自占用城市道路' });
      const decision = docs.find((d) => d.kind === 'penalty-decision')!;
      expect(decision.fields.statementSummary).to.equal('当事人要求听证，本机关于2026-10-26举行听证。当事人对违法事实无异议，请求从轻处罚。');
    });
  });

  describe('legal review and collective discussion (处罚法 Arts 57, 58)', () => {
    it('sends the case back to the report when the legal review does not pass, and decides only after a new notice and a passed review', async () => {
      const pi = await toAdvanceNoticeServed(p, { caseId: 'PO-LEGAL-REVIEW', bodyId, proposal: { kinds: ['fine'], fine: 8000, flags: { listedInLocalCatalogue: true } } });
      current = pi;
      const first = (await numbers(pi)).penaltyAdvanceNotice!;
      await p.advanceTo('2026-10-13T09:00:00+08:00');
      // when the reviewer asks for a revision
      const review = await p.task(pi, 'legal-review');
      expect((review.variables.legalReview as { categories: Array<{ category: string }> }).categories.map((c) => c.category)).to.deep.equal(['local-catalogue']);
      await p.complete(pi, 'legal-review', { conclusion: 'revise', opinion: '罚款数额偏离裁量基准未说明理由', reviewedAt: nowIso(p) });
      // then the report is written again, reviewed again, and a new advance notice is served
      await p.advanceTo('2026-10-13T15:00:00+08:00');
      await p.complete(pi, 'write-investigation-report', {
        facts: FACTS, evidence: '现场检查笔录\n询问笔录', basis: '《城市道路管理条例》第二十七条第（七）项', proposedPenalty: { outcome: 'penalty', kinds: ['fine'], fine: 7000 },
        deviationReason: '当事人已主动整改', majorPublicInterest: false, complexCase: false, majorViolation: false, listedInLocalCatalogue: true, submittedAt: nowIso(p),
      });
      await p.complete(pi, 'review-case', { approved: true, opinion: '同意', reviewedAt: nowIso(p) });
      await p.advanceTo('2026-10-14T10:00:00+08:00');
      await serveDirectly(p, pi);
      await reachedTimes(p, pi, 'compute-hearing-request-window', 2);
      const second = (await numbers(pi)).penaltyAdvanceNotice!;
      expect(Number(/〔2026〕(\d+)号/.exec(second)![1])).to.equal(Number(/〔2026〕(\d+)号/.exec(first)![1]) + 1);
      expect((await deadlines(pi)).statementWindow, 'from the new service: 15, 16, 19, 20, 21 October').to.equal('2026-10-21T23:59:59.999+08:00');
      // when the party waives statement and defence in writing the next day
      await p.advanceTo('2026-10-15T09:00:00+08:00');
      await waiveRights(p, 'PO-LEGAL-REVIEW');
      // then the legal review comes again and, passed, lets the head decide
      await p.complete(pi, 'legal-review', { conclusion: 'pass', opinion: '同意', reviewedAt: nowIso(p) });
      await p.advanceTo('2026-10-15T15:00:00+08:00');
      await p.complete(pi, 'decide-case', penaltyDecision(p, 7000));
      await p.reached(pi, 'compute-decision-service-deadline');
      expect(await p.completedElements(pi)).to.include.members(['rights-waived', 'check-advance-notice', 'check-legal-review', 'check-no-heavier-penalty']);
      await serveDecisionPayAndClose(p, pi, 'PO-LEGAL-REVIEW', 7000);
      const notices = (await p.documents([pi])).filter((d) => d.kind === 'penalty-advance-notice' && d.format === 'pdf');
      expect(notices.map((d) => [d.number, d.fields.proposedPenalty])).to.deep.equal([[first, '罚款人民币8000元'], [second, '罚款人民币7000元']]);
    });

    it('has the heads discuss a major violation collectively before the decision', async () => {
      const pi = await toAdvanceNoticeServed(p, { caseId: 'PO-COLLECTIVE', bodyId, proposal: { kinds: ['fine'], fine: 14000, flags: { majorViolation: true } } });
      current = pi;
      await p.advanceTo('2026-09-30T09:00:00+08:00');
      await waiveRights(p, 'PO-COLLECTIVE');
      const task = await p.task(pi, 'collective-discussion');
      expect(task.headers['io.camunda.zeebe:candidateGroups']).to.equal(`["${bodyId}:head"]`);
      expect((task.variables.collective as { required: boolean }).required).to.equal(true);
      expect((task.variables.legalReview as { required: boolean }).required, 'a major violation alone needs no legal review').to.equal(false);
      expect(p.openTasks(pi)).to.not.include('decide-case');
      await p.complete(pi, 'collective-discussion', { participants: '刘局长、副局长二人、法制科长', opinions: '一致同意按裁量基准上限处罚', conclusion: '罚款人民币14000元', heldAt: nowIso(p) });
      await p.complete(pi, 'decide-case', penaltyDecision(p, 14000));
      await p.reached(pi, 'compute-decision-service-deadline');
      expect((await p.variables(pi)).collectiveDiscussion).to.include({ conclusion: '罚款人民币14000元' });
      await serveDecisionPayAndClose(p, pi, 'PO-COLLECTIVE', 14000);
    });
  });

  describe('no penalty (不予行政处罚)', () => {
    it('decides no penalty for a minor first violation after the party\'s statement, with the 不予行政处罚决定书 disclosed within 20 working days', async () => {
      const pi = await toAdvanceNoticeServed(p, { caseId: 'PO-NO-PENALTY', bodyId, proposal: { kinds: ['warning'] }, circumstance: 'first-minor' });
      current = pi;
      // when the party states on 30 September that it corrected at once
      await p.advanceTo('2026-09-30T10:00:00+08:00');
      await p.publish('party-statement-received', 'PO-NO-PENALTY', { statement: { text: '系初次违法，当日已将桌椅全部撤回店内', receivedAt: nowIso(p) } });
      await p.complete(pi, 'review-party-statement', { adopted: true, opinion: '当事人初次违法且已及时改正，危害后果轻微，陈述成立，予以采纳', reviewedAt: nowIso(p) });
      // and the window passes; the head decides no penalty on 13 October (Art 33 para 1)
      await p.advanceTo('2026-10-13T10:00:00+08:00');
      await p.complete(pi, 'decide-case', { outcome: 'no-penalty-minor', basis: '《中华人民共和国行政处罚法》第三十三条第一款', reasons: '当事人初次违法，危害后果轻微并及时改正', decidedAt: nowIso(p) });
      await p.reached(pi, 'compute-decision-service-deadline');
      expect((await deadlines(pi)).decisionService).to.equal('2026-10-22T23:59:59.999+08:00');
      await p.advanceTo('2026-10-14T10:00:00+08:00');
      await serveDirectly(p, pi, '王某某（法定代表人）');
      // then no fine is due: the case goes to closure
      await closeCase(p, pi, 'no-penalty', '不予行政处罚，已对当事人进行教育');
      const keys = await keysOf(pi);
      const completed = await p.completedElements(pi);
      expect(completed).to.include('generate-no-penalty-decision');
      expect(completed).to.not.include.members(['check-no-heavier-penalty', 'fine-payment', 'assign-decision-number']);
      const decision = (await p.documents(keys)).find((d) => d.kind === 'no-penalty-decision' && d.format === 'pdf')!;
      expect(decision.number).to.match(numberPattern('不罚'));
      expect(decision.fields).to.include({ ground: '违法行为轻微，依法可以不予行政处罚', legalBasis: '《中华人民共和国行政处罚法》第三十三条第一款', findings: FACTS, reconsiderationAuthority: REMEDIES.reconsiderationAuthority });
      // 国办发〔2018〕118号: other enforcement decisions within 20 working days of 13 October → 10 November
      expect(await disclosuresOf(p, keys)).to.deep.equal([
        { kind: 'other-decision', dueDate: '2026-11-10', subject: { documentNumber: decision.number, partyName: PARTY.name, authority: BODY_NAME, outcome: 'no-penalty-minor' } },
      ]);
    });
  });

  describe('transfer to the police (移送司法机关, criminal-transfer call activity)', () => {
    async function decideTransfer(caseId: string): Promise<string> {
      const pi = await toAdvanceNoticeServed(p, { caseId, bodyId, proposal: { kinds: ['fine'], fine: 14000 } });
      current = pi;
      await p.advanceTo('2026-09-30T09:00:00+08:00');
      await waiveRights(p, caseId);
      await p.advanceTo('2026-09-30T10:00:00+08:00');
      await p.complete(pi, 'decide-case', { outcome: 'transfer-criminal', basis: '《中华人民共和国行政处罚法》第二十七条', reasons: '占道经营中暴力抗拒执法，涉嫌妨害公务罪', decidedAt: nowIso(p) });
      // the transfer team (the case officers, 移送规定 Art 5) reports, the head approves, the case is sent
      await p.advanceTo('2026-09-30T11:00:00+08:00');
      await completeAnywhere(p, pi, 'prepare-transfer-report', {
        policeAuthority: '三明市公安局三元分局', summary: '当事人在执法人员依法调查时以暴力方法阻碍执法，致一名执法人员受伤。',
        materials: ['transfer-letter', 'investigation-report', 'other'], seizedProperty: false, submittedAt: nowIso(p),
      });
      await p.advanceTo('2026-09-30T15:00:00+08:00');
      await completeAnywhere(p, pi, 'approve-transfer', { approved: true, opinion: '同意移送', decidedAt: nowIso(p) });
      await p.advanceTo('2026-09-30T16:00:00+08:00');
      await completeAnywhere(p, pi, 'dispatch-transfer', { transferredAt: nowIso(p), receipt: '公安机关接受移送回执（三元分局）' });
      await reachedAnywhere(p, pi, 'compute-police-decision-deadline');
      return pi;
    }

    it('closes the case when the police open a criminal case (accepted)', async () => {
      const pi = await decideTransfer('PO-POLICE-ACCEPTED');
      await p.advanceTo('2026-10-08T10:00:00+08:00');
      await p.publish('police-decision-received', 'PO-POLICE-ACCEPTED', { accepted: true, decidedAt: nowIso(p), reasons: '决定立案侦查' });
      await p.advanceTo('2026-10-09T10:00:00+08:00');
      await completeAnywhere(p, pi, 'hand-over-items', { transferredAt: nowIso(p), receipt: '涉案材料移交清单' });
      await p.reached(pi, 'transfer-to-police');
      expect((await p.variables(pi)).transferOutcome).to.equal('accepted');
      await closeCase(p, pi, 'transferred', '已移送公安机关立案侦查');
      const letter = (await p.documents(await keysOf(pi))).find((d) => d.kind === 'criminal-transfer-letter' && d.format === 'pdf')!;
      expect(letter.number).to.match(numberPattern('移'));
      expect(letter.fields).to.include({ policeAuthority: '三明市公安局三元分局', partyName: PARTY.name });
      expect(letter.fields.attachments).to.deep.equal(['涉嫌犯罪案件移送书', '涉嫌犯罪案件情况的调查报告', '其他有关涉嫌犯罪的材料']);
    });

    it('resumes the administrative case when the police decline (returned), with the police period excluded from the 90 days', async () => {
      const pi = await decideTransfer('PO-POLICE-RETURNED');
      await p.advanceTo('2026-10-09T10:00:00+08:00');
      await p.publish('police-decision-received', 'PO-POLICE-RETURNED', { accepted: false, decidedAt: nowIso(p), reasons: '未达到立案追诉标准，不予立案' });
      await completeAnywhere(p, pi, 'consider-police-review', { requested: false, procuratorate: false, reason: '不申请复议，依法作出行政处罚', requestedAt: nowIso(p) });
      // then the case is back at the investigation report; the police period (30 Sep – 9 Oct) is excluded: 31 December
      await p.task(pi, 'write-investigation-report');
      const vars = await p.variables(pi);
      expect(vars).to.include({ transferOutcome: 'returned', returnedFromPolice: true });
      expect((vars.caseClock as { pauses: unknown[] }).pauses).to.deep.equal([{ id: 'criminal-transfer', from: '2026-09-30T16:00:00+08:00', to: '2026-10-09T10:00:00+08:00', reason: 'criminal-transfer' }]);
      await waitForVariable(p, pi, 'deadlines.caseLimit', '2026-12-31T23:59:59.999+08:00');
      // and it goes on to a penalty after a new notice
      await investigateAgainAndDecide(pi, 'PO-POLICE-RETURNED', 14000);
      expect(await p.completedElements(pi)).to.include('resume-administrative-case');
      await serveDecisionPayAndClose(p, pi, 'PO-POLICE-RETURNED', 14000);
    });

    async function investigateAgainAndDecide(pi: string, caseId: string, fine: number): Promise<void> {
      await p.complete(pi, 'write-investigation-report', {
        facts: FACTS, evidence: '现场检查笔录\n询问笔录\n公安机关不予立案通知书', basis: '《城市道路管理条例》第二十七条第（七）项', proposedPenalty: { outcome: 'penalty', kinds: ['fine'], fine },
        majorPublicInterest: false, complexCase: false, majorViolation: false, listedInLocalCatalogue: false, submittedAt: nowIso(p),
      });
      await p.complete(pi, 'review-case', { approved: true, opinion: '同意', reviewedAt: nowIso(p) });
      await p.advanceTo('2026-10-12T10:00:00+08:00');
      await serveDirectly(p, pi);
      await reachedTimes(p, pi, 'compute-hearing-request-window', 2);
      await waiveRights(p, caseId);
      await p.complete(pi, 'decide-case', penaltyDecision(p, fine));
      await reachedTimes(p, pi, 'compute-decision-service-deadline', 1);
    }
  });

  describe('transfer of jurisdiction (移送管辖, 处罚法 Arts 22–25)', () => {
    it('sends the case with a 案件移送函 to the competent authority and closes it', async () => {
      const pi = await toAdvanceNoticeServed(p, { caseId: 'PO-JURISDICTION', bodyId, proposal: { kinds: ['fine'], fine: 8000 } });
      current = pi;
      await p.advanceTo('2026-09-30T09:00:00+08:00');
      await waiveRights(p, 'PO-JURISDICTION');
      await p.complete(pi, 'decide-case', { outcome: 'transfer-jurisdiction', receivingAuthority: '三明市三元区市场监督管理局', basis: '《中华人民共和国行政处罚法》第二十二条', reasons: '违法行为系无证经营食品，属市场监督管理部门管辖', decidedAt: nowIso(p) });
      await closeCase(p, pi, 'transferred', '已移送有管辖权的机关');
      const letter = (await p.documents([pi])).find((d) => d.kind === 'case-transfer-letter' && d.format === 'pdf')!;
      expect(letter.number).to.match(numberPattern('移函'));
      expect(letter.fields).to.include({ receivingAuthority: '三明市三元区市场监督管理局', caseCause: '擅自占用城市道路' });
    });
  });

  describe('filing officers, termination of the investigation (终止调查)', () => {
    it('refuses an officer whose 执法证 expired (处罚法 Art 42), then files with two certified officers; an approved termination closes the case', async () => {
      p.startAt(TIMELINE.received);
      const pi = await p.start('penalty-ordinary', penaltyCase({ caseId: 'PO-TERMINATED', bodyId, receivedAt: TIMELINE.received }));
      current = pi;
      await p.advanceTo(TIMELINE.verified);
      await p.complete(pi, 'verify-clue', { facts: FACTS, violationDate: '2026-09-18T10:00:00+08:00', specialLimitation: false, recommendFiling: true, opinion: '建议立案' });
      await p.advanceTo(TIMELINE.filed);
      // city-officer2's certificate ran to 31 December 2025
      await p.complete(pi, 'approve-filing', { fileCase: true, officers: ['sanyuan-officer', 'city-officer2'], filedAt: nowIso(p), reason: '符合立案条件' });
      await p.reached(pi, 'filing-officers-not-qualified');
      const check = (await p.variables(pi)).officersCheck as { refused: Array<{ officer: string; problems: Array<{ code: string }> }> };
      expect(check.refused.map((r) => [r.officer, r.problems.map((x) => x.code)])).to.deep.equal([['city-officer2', ['expired']]]);
      await p.complete(pi, 'approve-filing', { fileCase: true, officers: OFFICERS, filedAt: nowIso(p), reason: '符合立案条件' });
      await p.task(pi, 'investigate');
      // when the officers ask to terminate (the party, a sole trader, has died)
      await p.advanceTo('2026-10-09T10:00:00+08:00');
      await p.publish('case-termination-requested', 'PO-TERMINATED', { terminationRequest: { reason: '当事人死亡，无其他责任人' } });
      await p.complete(pi, 'approve-case-termination', { approved: true, opinion: '同意终止调查', decidedAt: nowIso(p) });
      // then the case handling ends (its clock too) and the case is closed
      await p.task(pi, 'close-case');
      expect((await p.variables(pi)).decision).to.deep.equal({ outcome: 'terminated', reasons: '当事人死亡，无其他责任人', decidedAt: '2026-10-09T10:00:00+08:00' });
      await closeCase(p, pi, 'terminated', '终止调查');
      expect(await p.completedElements(pi)).to.include.members(['approve-case-termination', 'case-terminated', 'record-termination']);
      const closure = (await p.documents([pi])).find((d) => d.kind === 'closure-approval')!;
      expect(closure.fields).to.include({ outcome: '终止调查', ground: '终止调查' });
    });
  });

  describe('evidence preservation (先行登记保存, 处罚法 Art 56)', () => {
    const preservation = {
      items: [{ name: '折叠餐桌', specification: '1.2米', quantity: 12, unit: '张', condition: '完好' }, { name: '塑料椅', quantity: 48, unit: '把', condition: '完好' }],
      reason: '当事人拒不撤回占道桌椅，证据可能灭失',
      storagePlace: '三元区城市管理局暂扣物品仓库',
    };

    async function preserve(caseId: string): Promise<string> {
      p.startAt(TIMELINE.received);
      const pi = await p.start('penalty-ordinary', penaltyCase({ caseId, bodyId, receivedAt: TIMELINE.received }));
      current = pi;
      await fileCase(p, pi, { verifiedAt: TIMELINE.verified, filedAt: TIMELINE.filed });
      await p.task(pi, 'investigate');
      await p.advanceTo('2026-09-23T14:00:00+08:00');
      await p.publish('evidence-preservation-requested', caseId, { preservation });
      await p.advanceTo('2026-09-23T15:00:00+08:00');
      await p.complete(pi, 'approve-evidence-preservation', { approved: true, opinion: '同意先行登记保存', decidedAt: nowIso(p) });
      return pi;
    }

    it('issues the notice and decides within 7 working days: 24, 28, 29, 30 Sep, 8, 9, 10 (调休) October', async () => {
      const pi = await preserve('PO-PRESERVED');
      const task = await p.task(pi, 'decide-preserved-evidence');
      expect(task.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-10T23:59:59.999+08:00');
      await p.advanceTo('2026-10-09T10:00:00+08:00');
      await p.complete(pi, 'decide-preserved-evidence', { measure: 'record-and-return', reason: '已拍照、录像固定证据', decidedAt: nowIso(p) });
      await p.reached(pi, 'evidence-preservation-decided');
      const docs = (await p.documents([pi])).filter((d) => d.format === 'pdf');
      expect(docs.map((d) => d.kind)).to.deep.equal(['evidence-preservation-notice', 'preserved-evidence-decision']);
      expect(docs[0]!.number).to.match(numberPattern('先保'));
      expect(docs[0]!.fields).to.include({ reason: preservation.reason, storagePlace: preservation.storagePlace, approvedAt: '2026-09-23T15:00:00+08:00', decisionPeriod: '七个工作日' });
      expect(docs[1]!.number).to.match(numberPattern('保处'));
      expect(docs[1]!.fields).to.include({ noticeNumber: docs[0]!.number, measure: '记录、复制、拍照后退还当事人' });
      expect(await alertsOf(p, [pi])).to.deep.equal([]);
      await cancel(p, pi);
    });

    it('lets the preservation lapse and raises an overdue alert when no decision is made by 10 October (市监)', async () => {
      const pi = await preserve('PO-PRESERVATION-LAPSED');
      await p.task(pi, 'decide-preserved-evidence');
      await p.advanceTo('2026-10-10T23:00:00+08:00');
      expect(await alertsOf(p, [pi])).to.deep.equal([]);
      await p.advanceTo('2026-10-11T00:00:00+08:00');
      await p.reached(pi, 'evidence-preservation-lapsed-reported');
      expect(await activeElements(p, pi)).to.not.include('decide-preserved-evidence');
      expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'evidencePreservation', level: 'overdue', status: 'overdue' }]);
      await cancel(p, pi);
    });
  });

  describe('the 90-day limit (处罚法 Art 60): warning, extension, overdue', () => {
    it('warns 10 days before 21 December, extends by 30 days on approval (→ 20 January 2027) and alerts when that passes too', async () => {
      p.startAt(TIMELINE.received);
      const pi = await p.start('penalty-ordinary', penaltyCase({ caseId: 'PO-CASE-LIMIT', bodyId, receivedAt: TIMELINE.received }));
      current = pi;
      await fileCase(p, pi, { verifiedAt: TIMELINE.verified, filedAt: TIMELINE.filed });
      await p.task(pi, 'investigate');
      // when the investigation drags on past 11 December
      await p.advanceTo('2026-12-11T23:00:00+08:00');
      expect(await alertsOf(p, [pi])).to.deep.equal([]);
      await p.advanceTo('2026-12-12T00:00:00+08:00');
      await p.reached(pi, 'case-limit-near-due-reported');
      expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'caseLimit', level: 'near-due', status: 'running' }]);
      // when an extension of 30 days is asked for and approved on 14 December (市监: head approval)
      await p.advanceTo('2026-12-14T09:00:00+08:00');
      await p.publish('case-extension-requested', 'PO-CASE-LIMIT', { extensionRequest: { length: 30, unit: 'CD', reason: '案情复杂，需补充鉴定' } });
      await p.advanceTo('2026-12-14T10:00:00+08:00');
      await p.complete(pi, 'approve-case-extension', { approved: true, opinion: '同意延长三十日', decidedAt: nowIso(p) });
      await p.reached(pi, 'record-case-extension');
      await waitForCaseLimit(pi, '2027-01-20T23:59:59.999+08:00');
      expect((await deadlines(pi)).caseLimitWarning).to.equal('2027-01-10T23:59:59.999+08:00');
      const row = await deadlineRow(p, [pi], 'caseLimit');
      expect(dueText(row)).to.equal('2027-01-20T23:59:59.999+08:00');
      expect(row.extensions).to.deep.equal([{ length: 30, unit: 'CD', approvedAt: '2026-12-14T10:00:00+08:00', reason: '案情复杂，需补充鉴定' }]);
      // then the old due date passes without an overdue alert; the new one does not
      await p.advanceTo('2026-12-22T09:00:00+08:00');
      expect(await alertsOf(p, [pi])).to.deep.equal([{ deadline: 'caseLimit', level: 'near-due', status: 'running' }]);
      await p.advanceTo('2027-01-21T00:00:00+08:00');
      await p.reached(pi, 'case-limit-overdue-reported');
      expect(await alertsOf(p, [pi]), 'one open near-due alert, however often its timer fires').to.deep.equal([
        { deadline: 'caseLimit', level: 'near-due', status: 'overdue' },
        { deadline: 'caseLimit', level: 'overdue', status: 'overdue' },
      ]);
      await cancel(p, pi);
    });

    async function waitForCaseLimit(pi: string, due: string): Promise<void> {
      const start = Date.now();
      while ((await deadlines(pi)).caseLimit !== due) {
        if (Date.now() - start > 10_000) throw new Error(`Expected deadlines.caseLimit to become ${due}, but it is ${(await deadlines(pi)).caseLimit}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });

  describe('performance (履行): unpaid fine, surcharge, enforcement route; deferral', () => {
    async function decidedAndServed(caseId: string, agencyEnforcementPower: boolean): Promise<string> {
      const pi = await toAdvanceNoticeServed(p, { caseId, bodyId, proposal: { kinds: ['fine'], fine: 8000 }, agencyEnforcementPower });
      current = pi;
      await p.advanceTo('2026-09-29T11:00:00+08:00');
      await waiveRights(p, caseId);
      await p.advanceTo('2026-09-29T14:00:00+08:00');
      await p.complete(pi, 'decide-case', penaltyDecision(p, 8000));
      await p.advanceTo('2026-09-29T15:00:00+08:00');
      await serveDirectly(p, pi);
      await p.reached(pi, 'compute-payment-deadline');
      return pi;
    }

    it('adds 3% a day from 15 October, reaching the fine on the 34th day (17 November), and applies to the court after 30 days of surcharge when the body has no enforcement power', async () => {
      const pi = await decidedAndServed('PO-UNPAID-COURT', false);
      // the fine is due 15 days after service on 29 September: 14 October
      expect((await deadlines(pi)).payment).to.equal('2026-10-14T23:59:59.999+08:00');
      await p.advanceTo('2026-10-14T23:00:00+08:00');
      expect(await p.completedElements(pi)).to.not.include('compute-surcharge');
      // when the day passes unpaid
      await p.advanceTo('2026-10-15T09:00:00+08:00');
      await p.reached(pi, 'generate-surcharge-notice');
      const vars = await p.variables(pi);
      expect(vars.surcharge).to.include({ fineAmount: 8000, firstDay: '2026-10-15', days: 1, dailyAmount: 240, amount: 240, capped: false, capReachedOn: '2026-11-17', totalDue: 8240 });
      // 30 days of surcharge end on 13 November (强制法 Art 46)
      expect((vars.deadlines as Record<string, string>).surchargeEnforceable).to.equal('2026-11-13T23:59:59.999+08:00');
      const notice = (await p.documents([pi])).find((d) => d.kind === 'surcharge-notice' && d.format === 'pdf')!;
      expect(notice.number).to.match(numberPattern('加罚'));
      expect(notice.fields).to.include({ decisionNumber: (vars.numbers as Record<string, string>).penaltyDecision, paymentDeadline: '2026-10-14', surchargeFrom: '2026-10-15', dailyAmount: 240, capReachedOn: '2026-11-17', fineAmount: 8000 });
      // when the 30 days pass unpaid
      await p.advanceTo('2026-11-14T09:00:00+08:00');
      await p.reached(pi, 'record-unpaid');
      // then the court route starts (强制法 Arts 13, 53): its first step waits for the remedy periods (6 months)
      const child = await calledInstance(p, pi, 'court-enforcement');
      await p.reached(child, 'compute-remedy-periods-end');
      expect(dueText(await deadlineRow(p, [child], 'remedyPeriodsEnd')), '6 months after service (行政诉讼法 Art 46)').to.equal('2027-03-29T23:59:59.999+08:00');
      expect((await p.variables(pi)).performance).to.equal('unpaid');
      await cancel(p, pi);
    });

    it('calls coercive-enforcement instead when the body holds enforcement power', async () => {
      const pi = await decidedAndServed('PO-UNPAID-AGENCY', true);
      await p.advanceTo('2026-11-14T09:00:00+08:00');
      await p.reached(pi, 'record-unpaid');
      const child = await calledInstance(p, pi, 'coercive-enforcement');
      // its first step: the 催告书 (强制法 Art 35) for the fine and the surcharge
      await p.reached(child, 'generate-demand-notice');
      const demand = (await p.documents([child])).find((d) => d.kind === 'enforcement-demand' && d.format === 'pdf')!;
      expect(demand.fields).to.include({ decisionTitle: '行政处罚决定书', decisionNumber: (await numbers(pi)).penaltyDecision, decisionDate: '2026-09-29', monetary: true });
      expect(await p.completedElements(pi)).to.not.include('apply-to-court');
      await cancel(p, pi);
    });

    it('moves the payment deadline to the approved deferral (Art 66): no surcharge on the original date', async () => {
      const pi = await decidedAndServed('PO-DEFERRAL', false);
      await p.advanceTo('2026-10-09T10:00:00+08:00');
      await p.publish('payment-deferral-requested', 'PO-DEFERRAL', { deferralRequest: { kind: 'defer', payUntil: '2026-12-31T23:59:59.999+08:00', reason: '受疫情影响经营困难' } });
      await p.complete(pi, 'approve-payment-deferral', { approved: true, opinion: '同意暂缓至2026年12月31日', decidedAt: nowIso(p) });
      await p.reached(pi, 'set-deferred-payment-deadline');
      const vars = await p.variables(pi);
      expect((vars.deadlines as Record<string, string>).payment).to.equal('2026-12-31T23:59:59.999+08:00');
      expect(vars.paymentDeferral).to.deep.equal({ kind: 'defer', payUntil: '2026-12-31T23:59:59.999+08:00', approvedAt: '2026-10-09T10:00:00+08:00' });
      await p.advanceTo('2026-10-15T09:00:00+08:00');
      await p.advanceTo('2026-12-20T10:00:00+08:00');
      expect(await p.completedElements(pi)).to.not.include('compute-surcharge');
      await p.publish('payment-received', 'PO-DEFERRAL', { amount: 8000, paidAt: nowIso(p), settled: true });
      await closeCase(p, pi, 'executed', '暂缓期限内缴清罚款');
      expect((await p.documents([pi])).map((d) => d.kind)).to.not.include('surcharge-notice');
    });
  });
});
