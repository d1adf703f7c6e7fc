import { expect } from 'chai';
import { useProcedures } from './support/procedure-harness.js';
import {
  BODY_NAME, cancel, CONSENTING_PARTY, describeState, fileCase, instanceWithTask, investigateAndReport, nowIso, PARTY, penaltyCase, TIMELINE, waitForVariable,
} from './support/penalty-case.js';

/**
 * 文书送达 (processes/service-of-documents.bpmn), the call activity every procedure serves its documents with:
 * direct (民诉法 Arts 87–88), lodged (Art 89), electronic with the party's consent and signed confirmation (Art 90;
 * 处罚法 Art 61; 闽执法办法 Art 19), postal (Art 91), public notice deemed served after 30 days (Art 95), and the
 * 强制法 Art 38 documents that must be tried directly first. Started here on its own, as a caller would call it, for
 * a 行政处罚决定书 already generated; and once inside penalty-ordinary, where a public notice pauses the 90 days.
 */
describe('service-of-documents: 文书送达 end to end', function () {
  this.timeout(60_000);
  const p = useProcedures('service-of-documents');
  let bodyId: number;
  let current: string | null = null;
  let documentNo = 0;

  before(async () => {
    bodyId = await p.bodyId(BODY_NAME);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && current) process.stderr.write(`state of ${current}: ${await describeState(p, current)}\n`);
    current = null;
  });

  /** A decision generated earlier (its app.documents row), as generate-document returns it. */
  async function decisionDocument(caseId: string): Promise<Record<string, unknown>> {
    documentNo += 1;
    const number = `${BODY_NAME}罚决〔2026〕${documentNo}号`;
    const [row] = (await p.h.database.db('app.documents')
      .insert({ process_instance_key: 1, case_ref: caseId, body_id: bodyId, kind: 'penalty-decision', number, title: '行政处罚决定书', format: 'pdf', sha256: 'a'.repeat(64), storage_path: `documents/2026/aa/${documentNo}.pdf`, byte_size: 1024, fields: {}, job_key: documentNo })
      .returning('id')) as Array<{ id: string }>;
    return { kind: 'penalty-decision', title: '行政处罚决定书', number, issueDate: '2026-09-07', pdf: { id: String(row!.id), sha256: 'a'.repeat(64) } };
  }

  async function startService(caseId: string, o: { party?: Record<string, unknown>; directServiceRequired?: boolean; documentKind?: string } = {}): Promise<string> {
    const document = await decisionDocument(caseId);
    const pi = await p.start('service-of-documents', {
      caseId, bodyId, party: o.party ?? PARTY, documentKind: o.documentKind ?? 'penalty-decision', document, directServiceRequired: o.directServiceRequired ?? false, pausesCaseLimit: false,
    });
    current = pi;
    return pi;
  }

  async function serviceRecords(pi: string): Promise<Array<Record<string, unknown>>> {
    const r = await p.h.database.db.raw(
      `select method, recipient, to_char(served_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') as served_at,
              to_char(deemed_served_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') as deemed_served_at, proof
         from app.service_records where process_instance_key = ? order by id`,
      [pi],
    );
    return r.rows as Array<Record<string, unknown>>;
  }

  const choose = (pi: string, method: string) => p.complete(pi, 'choose-service-method', { method, note: null });

  it('direct: served when the party signs the 送达回证', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-DIRECT');
    const task = await p.task(pi, 'choose-service-method');
    expect(task.headers['io.camunda.zeebe:candidateGroups']).to.equal(`["${bodyId}:officer"]`);
    await choose(pi, 'direct');
    await p.complete(pi, 'serve-directly', { delivered: true, refused: false, recipient: '王某某（法定代表人）', receivedAt: nowIso(p) });
    await p.finished(pi);
    expect(await serviceRecords(pi)).to.deep.equal([
      { method: 'direct', recipient: '王某某（法定代表人）', served_at: '2026-09-07T10:00:00', deemed_served_at: '2026-09-07T10:00:00', proof: { signedBy: '王某某（法定代表人）' } },
    ]);
  });

  it('留置: a refused document is left at the premises before a witness (Art 89)', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-LODGED');
    await choose(pi, 'direct');
    await p.complete(pi, 'serve-directly', { delivered: false, refused: true, recipient: '王某某（法定代表人）', receivedAt: null });
    await p.advanceTo('2026-09-07T10:20:00+08:00');
    await p.complete(pi, 'serve-by-leaving', { witness: '列东街道新市社区居委会 林某', mediaRecord: '执法记录仪录像 20260907-1015', lodgedAt: nowIso(p) });
    await p.finished(pi);
    const [record] = await serviceRecords(pi);
    expect(record).to.deep.include({ method: 'lodged', served_at: '2026-09-07T10:20:00' });
    expect(record!.proof).to.deep.equal({ witness: '列东街道新市社区居委会 林某', recording: '执法记录仪录像 20260907-1015' });
  });

  it('postal after the party was not found: served on the date on the return receipt (Art 91)', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-POSTAL');
    await choose(pi, 'direct');
    await p.complete(pi, 'serve-directly', { delivered: false, refused: false, recipient: null, receivedAt: null });
    // not found: the method is chosen again
    await choose(pi, 'postal');
    await p.complete(pi, 'post-document', { postedAt: nowIso(p), trackingNumber: 'EMS1234567890CN' });
    await p.advanceTo('2026-09-10T16:00:00+08:00');
    await p.publish('postal-receipt-returned', 'SD-POSTAL:penalty-decision', { receivedAt: '2026-09-09T11:30:00+08:00', recipient: '王某某（法定代表人）' });
    await p.finished(pi);
    expect(await serviceRecords(pi)).to.deep.equal([
      { method: 'postal', recipient: '王某某（法定代表人）', served_at: '2026-09-09T11:30:00', deemed_served_at: '2026-09-09T11:30:00', proof: { trackingNumber: 'EMS1234567890CN' } },
    ]);
    expect((await p.completedElements(pi)).filter((id) => id === 'choose-service-method')).to.have.length(2);
  });

  it('electronic with consent and a signed confirmation: sent to the designated system, served when it arrives (Art 90)', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-ELECTRONIC', { party: CONSENTING_PARTY });
    await choose(pi, 'electronic');
    await p.reached(pi, 'send-electronic-document');
    const outbox = await p.h.database.db.raw('select address, correlation_key, status, consent from app.electronic_deliveries where process_instance_key = ?', [pi]);
    expect(outbox.rows).to.deep.equal([{ address: 'mzf://91350403MA8TEST01X', correlation_key: 'SD-ELECTRONIC:penalty-decision', status: 'pending', consent: CONSENTING_PARTY.electronicService.consent }]);
    await p.advanceTo('2026-09-07T10:05:00+08:00');
    await p.publish('electronic-service-delivered', 'SD-ELECTRONIC:penalty-decision', { arrivedAt: '2026-09-07T10:03:00+08:00' });
    await p.finished(pi);
    expect(await serviceRecords(pi)).to.deep.equal([
      { method: 'electronic', recipient: PARTY.name, served_at: '2026-09-07T10:03:00', deemed_served_at: '2026-09-07T10:03:00', proof: { consent: CONSENTING_PARTY.electronicService.consent } },
    ]);
  });

  it('electronic without the party\'s consent is refused: the method is chosen again', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-NO-CONSENT');
    await choose(pi, 'electronic');
    // the gateway sends it back to the choice, nothing is sent
    await p.complete(pi, 'choose-service-method', { method: 'direct', note: '当事人未签署电子送达确认书' });
    await p.complete(pi, 'serve-directly', { delivered: true, refused: false, recipient: '王某某（法定代表人）', receivedAt: nowIso(p) });
    await p.finished(pi);
    expect(await p.completedElements(pi)).to.not.include('send-electronic-document');
    expect((await p.h.database.db.raw('select count(*)::int as n from app.electronic_deliveries where process_instance_key = ?', [pi])).rows[0].n).to.equal(0);
    expect((await serviceRecords(pi)).map((r) => r.method)).to.deep.equal(['direct']);
  });

  it('electronic marked as consented but without the confirmation on file is refused by the sender (ELECTRONIC_SERVICE_NOT_CONSENTED)', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-NO-CONFIRMATION', { party: { ...PARTY, electronicService: { consented: true, confirmationSigned: true, address: 'mzf://91350403MA8TEST01X' } } });
    await choose(pi, 'electronic');
    await p.reached(pi, 'electronic-sending-not-consented');
    await choose(pi, 'direct');
    await p.complete(pi, 'serve-directly', { delivered: true, refused: false, recipient: '王某某（法定代表人）', receivedAt: nowIso(p) });
    await p.finished(pi);
    expect((await serviceRecords(pi)).map((r) => r.method)).to.deep.equal(['direct']);
  });

  it('public notice: deemed served 30 days after publication, moved off 国庆: published 7 September → 8 October (Arts 85, 95)', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-PUBLIC');
    // the party is not found at the address: the method is chosen again
    await choose(pi, 'direct');
    await p.complete(pi, 'serve-directly', { delivered: false, refused: false, recipient: null, receivedAt: null });
    await choose(pi, 'public-notice');
    await p.complete(pi, 'publish-public-notice', { reason: '当事人下落不明，直接送达、邮寄送达均未成功', medium: '三明市人民政府网站、三元区城市管理局公告栏', publishedAt: nowIso(p) });
    await p.reached(pi, 'compute-public-notice-period');
    expect((await p.variables(pi)).deadlines).to.deep.include({ publicNotice: '2026-10-08T23:59:59.999+08:00' });
    await p.advanceTo('2026-10-08T23:00:00+08:00');
    expect(await p.completedElements(pi)).to.not.include('public-notice-elapsed');
    await p.advanceTo('2026-10-09T00:00:00+08:00');
    await p.finished(pi);
    expect(await serviceRecords(pi)).to.deep.equal([
      { method: 'public_notice', recipient: PARTY.name, served_at: '2026-09-07T10:00:00', deemed_served_at: '2026-10-08T23:59:59', proof: { reason: '当事人下落不明，直接送达、邮寄送达均未成功', medium: '三明市人民政府网站、三元区城市管理局公告栏' } },
    ]);
  });

  it('goes back to the choice when an electronic document does not arrive within 5 days or a postal receipt within 30 (platform settings)', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-TIMEOUTS', { party: CONSENTING_PARTY });
    await choose(pi, 'electronic');
    await p.reached(pi, 'send-electronic-document');
    await p.advanceTo('2026-09-12T10:00:01+08:00');
    await p.reached(pi, 'electronic-arrival-timeout');
    await choose(pi, 'postal');
    await p.complete(pi, 'post-document', { postedAt: nowIso(p), trackingNumber: 'EMS9876543210CN' });
    await p.advanceTo('2026-10-12T10:00:02+08:00');
    await p.reached(pi, 'postal-receipt-timeout');
    await p.task(pi, 'choose-service-method');
    expect(await serviceRecords(pi)).to.deep.equal([]);
    await cancel(p, pi);
  });

  it('强制法 Art 38 documents (催告书, 强制执行决定书) are tried directly before any other method', async () => {
    p.startAt('2026-09-07T10:00:00+08:00');
    const pi = await startService('SD-ART38', { directServiceRequired: true, documentKind: 'enforcement-demand' });
    // postal chosen first: the document goes to direct service all the same
    await choose(pi, 'postal');
    await p.complete(pi, 'serve-directly', { delivered: false, refused: false, recipient: null, receivedAt: null });
    // after the direct attempt, postal is open
    await choose(pi, 'postal');
    await p.complete(pi, 'post-document', { postedAt: nowIso(p), trackingNumber: 'EMS1112223334CN' });
    await p.publish('postal-receipt-returned', 'SD-ART38:enforcement-demand', { receivedAt: nowIso(p), recipient: '王某某（法定代表人）' });
    await p.finished(pi);
    const done = await p.completedElements(pi);
    expect(done.indexOf('serve-directly')).to.be.lessThan(done.indexOf('post-document'));
    expect((await serviceRecords(pi)).map((r) => r.method)).to.deep.equal(['postal']);
  });

  it('a public notice of the advance notice pauses the 90-day limit (市监: 公告 excluded) and starts the statement window when deemed served', async () => {
    // given a case filed on 22 September whose party cannot be found when the advance notice is to be served
    p.startAt(TIMELINE.received);
    const pi = await p.start('penalty-ordinary', penaltyCase({ caseId: 'SD-CASE', bodyId, receivedAt: TIMELINE.received }));
    current = pi;
    await fileCase(p, pi, { verifiedAt: TIMELINE.verified, filedAt: TIMELINE.filed });
    await p.advanceTo(TIMELINE.reported);
    await investigateAndReport(p, pi, { kinds: ['fine'], fine: 8000 });
    await p.advanceTo(TIMELINE.reviewed);
    await p.complete(pi, 'review-case', { approved: true, opinion: '同意', reviewedAt: nowIso(p) });
    await p.advanceTo(TIMELINE.noticeServed);
    const child = await instanceWithTask(p, pi, 'choose-service-method');
    await choose(child, 'public-notice');
    await p.complete(child, 'publish-public-notice', { reason: '当事人下落不明', medium: '三明市人民政府网站', publishedAt: nowIso(p) });
    // then the 30 days of the notice (29 September – 29 October) are excluded: 21 December → 21 January 2027
    await waitForVariable(p, pi, 'deadlines.caseLimit', '2027-01-21T23:59:59.999+08:00');
    expect((await p.variables(pi)).caseClock).to.deep.equal({ pauses: [{ id: 'public-notice-penalty-advance-notice', from: '2026-09-29T10:00:00+08:00', to: '2026-10-29T23:59:59.999+08:00', reason: 'public-notice' }], extensions: [] });
    // when the notice period ends, the notice counts as served on 29 October; the statement window runs to 5 November
    await p.advanceTo('2026-10-30T00:00:00+08:00');
    await p.reached(pi, 'compute-hearing-request-window');
    const vars = await p.variables(pi);
    expect((vars.served as Record<string, Record<string, unknown>>).penaltyAdvanceNotice).to.include({ servedAt: '2026-10-29T23:59:59.999+08:00', method: 'public-notice' });
    expect((vars.deadlines as Record<string, string>).statementWindow).to.equal('2026-11-05T23:59:59.999+08:00');
    await cancel(p, pi);
  });
});
