import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import { alertsOf, BODY_NAME, describeState, nowIso, numberPattern, OFFICERS, PARTY } from './support/penalty-case.js';

/**
 * 涉嫌犯罪案件移送 (processes/criminal-transfer.bpmn; 《行政执法机关移送涉嫌犯罪案件的规定》, 处罚法 Arts 27, 82),
 * the call activity of penalty-ordinary, started here as the case calls it: the head decides within 3 days of the
 * report (Art 5), the case goes to the police within 24 hours of the approval (Art 5), the police decide within 3
 * days (Art 8), seized property goes with the case and the party is told in writing (强制法 Art 21), items are handed
 * over within 3 days of the police's 立案 (Art 12); a refusal may be reviewed (Art 9), else the case returns.
 * The day counts are calendar days ((U) in the domain reference), so a last day in 国庆 moves to 8 October.
 */
describe('criminal-transfer: 行刑衔接 end to end', function () {
  this.timeout(60_000);
  const p = useProcedures('criminal-transfer');
  let bodyId: number;
  let current: string | null = null;

  before(async () => {
    bodyId = await p.bodyId(BODY_NAME);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && current) process.stderr.write(`state of ${current}: ${await describeState(p, current)}\n`);
    current = null;
  });

  async function startTransfer(caseId: string, decidedAt: string, officers = OFFICERS): Promise<string> {
    p.startAt(decidedAt);
    const pi = await p.start('criminal-transfer', {
      caseId, bodyId, field: 'urban-management', party: PARTY, caseCause: '擅自占用城市道路',
      filing: { officers, filedAt: '2026-09-22T10:00:00+08:00' },
      decision: { outcome: 'transfer-criminal', basis: '《中华人民共和国行政处罚法》第二十七条', reasons: '涉嫌妨害公务罪', decidedAt },
    });
    current = pi;
    return pi;
  }

  const report = (seizedProperty: boolean) => ({
    policeAuthority: '三明市公安局三元分局',
    summary: '当事人在执法人员依法调查时以暴力方法阻碍执法，致一名执法人员受伤。',
    materials: ['transfer-letter', 'investigation-report', 'item-list'],
    seizedProperty,
    seizedItems: seizedProperty ? '扣押的折叠餐桌12张、塑料椅48把（扣押决定书 三元区城市管理局强制〔2026〕3号）' : null,
  });

  it('approved within 3 days, sent within 24 hours, accepted by the police: seized property goes along with a written notice, items handed over within 3 days', async () => {
    const pi = await startTransfer('CT-ACCEPTED', '2026-09-30T10:00:00+08:00');
    await p.advanceTo('2026-09-30T11:00:00+08:00');
    await p.complete(pi, 'prepare-transfer-report', { ...report(true), submittedAt: nowIso(p) });
    // T01: 3 days from 30 September end on 3 October, a holiday: 8 October
    const approval = await p.task(pi, 'approve-transfer');
    expect(approval.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-08T23:59:59.999+08:00');
    expect(approval.headers['io.camunda.zeebe:candidateGroups']).to.equal(`["${bodyId}:head"]`);
    await p.advanceTo('2026-09-30T15:00:00+08:00');
    await p.complete(pi, 'approve-transfer', { approved: true, opinion: '同意移送', decidedAt: nowIso(p) });
    // T02: 24 clock hours, holidays or not
    const dispatch = await p.task(pi, 'dispatch-transfer');
    expect(dispatch.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-01T15:00:00.000+08:00');
    await p.advanceTo('2026-09-30T16:00:00+08:00');
    await p.complete(pi, 'dispatch-transfer', { transferredAt: nowIso(p), receipt: '三元分局接受移送回执' });
    // T03: the police decide within 3 days: 3 October → 8 October
    await p.reached(pi, 'compute-police-decision-deadline');
    expect((await p.variables(pi)).deadlines).to.deep.include({ transferApproval: '2026-10-08T23:59:59.999+08:00', transferDispatch: '2026-10-01T15:00:00.000+08:00', policeDecision: '2026-10-08T23:59:59.999+08:00' });
    await p.advanceTo('2026-10-08T10:00:00+08:00');
    await p.publish('police-decision-received', 'CT-ACCEPTED', { accepted: true, decidedAt: nowIso(p), reasons: '决定立案侦查' });
    // T05: items within 3 days of the 立案 notice: 11 October is a Sunday → 12 October
    const handover = await p.task(pi, 'hand-over-items');
    expect(handover.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-12T23:59:59.999+08:00');
    await p.advanceTo('2026-10-09T10:00:00+08:00');
    await p.complete(pi, 'hand-over-items', { transferredAt: nowIso(p), receipt: '涉案物品移交清单' });
    await p.finished(pi);
    expect(await p.completedElements(pi)).to.include.members(['check-transfer-officers', 'generate-property-transfer-notice', 'record-transfer-accepted', 'transfer-accepted']);
    expect(await alertsOf(p, [pi])).to.deep.equal([]);

    const docs = await p.documents([pi]);
    expect(docs.map((d) => `${d.kind}/${d.format}`)).to.deep.equal(['criminal-transfer-letter/pdf', 'criminal-transfer-letter/docx', 'property-transfer-notice/pdf', 'property-transfer-notice/docx']);
    const letter = docs[0]!;
    // one 文号, the one assign-transfer-number took (generate-document takes no second one)
    expect(letter.number).to.equal(`${BODY_NAME}移〔2026〕1号`);
    const sequence = await p.h.database.db.raw("select last_value from app.document_number_sequences where kind = 'criminal-transfer-letter'");
    expect(sequence.rows).to.deep.equal([{ last_value: 1 }]);
    expect(letter.fields).to.include({ policeAuthority: '三明市公安局三元分局', partyName: PARTY.name, caseCause: '擅自占用城市道路', approvedAt: '2026-09-30T15:00:00+08:00' });
    expect(letter.fields.attachments).to.deep.equal(['涉嫌犯罪案件移送书', '涉嫌犯罪案件情况的调查报告', '涉案物品清单']);
    expect(docs[2]!.fields).to.include({ transferLetterNumber: letter.number, policeAuthority: '三明市公安局三元分局' });
  });

  it('alerts when the head takes more than 3 days, the dispatch more than 24 hours and the police more than 3 days; a refusal reviewed and refused again returns the case', async () => {
    const pi = await startTransfer('CT-LATE', '2026-10-12T09:00:00+08:00');
    await p.advanceTo('2026-10-12T10:00:00+08:00');
    await p.complete(pi, 'prepare-transfer-report', { ...report(false), submittedAt: nowIso(p) });
    await p.task(pi, 'approve-transfer');
    // T01: due 15 October
    await p.advanceTo('2026-10-16T09:00:00+08:00');
    await p.reached(pi, 'transfer-approval-overdue-reported');
    await p.advanceTo('2026-10-16T10:00:00+08:00');
    await p.complete(pi, 'approve-transfer', { approved: true, opinion: '同意移送', decidedAt: nowIso(p) });
    // T02: due 17 October 10:00
    await p.task(pi, 'dispatch-transfer');
    await p.advanceTo('2026-10-17T10:00:01+08:00');
    await p.reached(pi, 'transfer-dispatch-overdue-reported');
    await p.advanceTo('2026-10-17T11:00:00+08:00');
    await p.complete(pi, 'dispatch-transfer', { transferredAt: nowIso(p), receipt: '三元分局接受移送回执' });
    // T03: due 20 October
    await p.reached(pi, 'compute-police-decision-deadline');
    await p.advanceTo('2026-10-21T09:00:00+08:00');
    await p.reached(pi, 'police-decision-overdue-reported');
    expect(await alertsOf(p, [pi])).to.deep.equal([
      { deadline: 'transferApproval', level: 'overdue', status: 'overdue' },
      { deadline: 'transferDispatch', level: 'overdue', status: 'overdue' },
      { deadline: 'policeDecision', level: 'near-due', status: 'running' },
    ]);
    // T04: the police refuse; the head asks them to review (within 3 days of the notice, Art 9); refused again
    await p.publish('police-decision-received', 'CT-LATE', { accepted: false, decidedAt: nowIso(p), reasons: '未达到立案追诉标准' });
    await p.advanceTo('2026-10-22T10:00:00+08:00');
    await p.complete(pi, 'consider-police-review', { requested: true, procuratorate: true, reason: '情节严重，申请复议并建议检察院立案监督', requestedAt: nowIso(p) });
    await p.advanceTo('2026-10-26T10:00:00+08:00');
    await p.publish('police-decision-received', 'CT-LATE', { accepted: false, decidedAt: nowIso(p), reasons: '复议维持不予立案决定' });
    await p.complete(pi, 'consider-police-review', { requested: false, procuratorate: false, reason: '依法作出行政处理', requestedAt: nowIso(p) });
    await p.finished(pi);
    const done = await p.completedElements(pi);
    expect(done.filter((id) => id === 'await-police-decision')).to.have.length(2);
    expect(done).to.include.members(['record-transfer-returned', 'transfer-returned']);
    expect(done, 'no seized property').to.not.include('generate-property-transfer-notice');
    const letter = (await p.documents([pi])).find((d) => d.kind === 'criminal-transfer-letter' && d.format === 'pdf')!;
    expect(letter.number).to.match(numberPattern('移'));
  });

  it('records the head\'s refusal to transfer (not-approved); a team without two certified officers is completed first', async () => {
    const pi = await startTransfer('CT-NOT-APPROVED', '2026-10-12T09:00:00+08:00', ['sanyuan-officer']);
    await p.reached(pi, 'transfer-officers-not-qualified');
    await p.complete(pi, 'replace-transfer-officers', { officers: OFFICERS });
    await p.advanceTo('2026-10-12T10:00:00+08:00');
    await p.complete(pi, 'prepare-transfer-report', { ...report(false), submittedAt: nowIso(p) });
    await p.advanceTo('2026-10-13T10:00:00+08:00');
    await p.complete(pi, 'approve-transfer', { approved: false, opinion: null, rejectionReason: '现有证据不足以证明涉嫌犯罪，依法给予行政处罚', decidedAt: nowIso(p) });
    await p.finished(pi);
    expect(await p.completedElements(pi)).to.include.members(['record-transfer-not-approved', 'transfer-not-approved']);
    expect(await p.completedElements(pi)).to.not.include('assign-transfer-number');
    expect(await p.documents([pi])).to.deep.equal([]);
  });
});
