/**
 * Generated documents and their service (送达) with proof, on a real inspection (涉企行政检查) of the 列东街道办事处
 * run on the embedded engine with the real workers: the 行政检查通知书 is generated (PDF and DOCX), the officer serves
 * it directly and attaches the photo of the signed 送达回证 (uploaded as evidence, picked in the service form), and the
 * case's documents and service records show the proof, which downloads. A changed document file is refused (409).
 * Every permission denial: another body 403, another county 404 without data, process designer 403, anonymous 401.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type supertest from 'supertest';
import { useCasePlatform } from '../support/case-platform.js';
import { waitUntil } from '../engine/support/engine-harness.js';

const CASE_REF = 'JC-DOC-2026-001';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = (request: supertest.Test) =>
  request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
/** A JPEG as a phone camera starts one, padded. */
const RECEIPT_PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(3000, 0x5a), Buffer.from([0xff, 0xd9])]);

describe('API: generated documents and their service with proof (文书、送达回证)', function () {
  this.timeout(60_000);
  const p = useCasePlatform('documents');
  let caseId: number;
  let bodyId: number;
  let evidenceId: number;
  let serviceRecordId: number;

  const chinaIso = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  const chinaNow = () => chinaIso(p.clock.now().getTime());
  const completeJob = async (elementId: string, variables: Record<string, unknown>) => {
    const row = await p.taskRow(elementId, CASE_REF);
    await p.zeebe.completeJob({ jobKey: String(row.job_key), variables });
  };

  before(async function () {
    this.timeout(120_000);
    // given: an inspection case of 列东街道办事处 handled by 谢执法 and 韩执法, its procedure started on the engine
    // (the clock runs from the real time: session cookies expire by the browser's clock)
    const db = p.h.database.db;
    bodyId = await p.bodyId('列东街道办事处');
    const [row] = await db('app.cases').insert({ case_ref: CASE_REF, kind: 'inspection', procedure: 'inspection', body_id: bodyId, field: 'township_comprehensive', title: '门前三包责任落实情况检查', party_name: '三明市列东某某便利店1' }).returning('id');
    caseId = Number(row.id);
    await db('app.case_officers').insert([{ case_id: caseId, user_id: await p.userId('liedong-officer'), role: 'lead' }, { case_id: caseId, user_id: await p.userId('liedong-officer2'), role: 'assistant' }]);
    const instance = await p.zeebe.createProcessInstance({
      bpmnProcessId: 'inspection',
      variables: {
        caseId: CASE_REF, bodyId, bodyName: '三元区列东街道办事处', field: 'urban-management',
        party: { type: 'organisation', name: '三明市列东某某便利店1', address: '三明市三元区列东街1号', creditCode: '92350400MA3X000001' },
        remedies: { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' },
        inspection: { type: 'routine', items: '门前三包责任落实情况', source: '2026年度行政检查计划（双随机抽取）', randomDraw: true, legalBasis: '《福建省城市市容和环境卫生管理办法》第十条' },
        availableOfficers: ['liedong-officer', 'liedong-officer2'],
      },
    });
    await db('app.cases').where({ id: caseId }).update({ process_instance_key: instance.processInstanceKey });
    await completeJob('plan-inspection', { type: 'routine', items: '门前三包责任落实情况', method: 'on-site', officers: ['liedong-officer', 'liedong-officer2'], plannedAt: chinaIso(p.clock.now().getTime() + 5 * 86_400_000) });
    await completeJob('approve-inspection', { approved: true, opinion: '同意', decidedAt: chinaNow() });

    // when: the 行政检查通知书 is served directly, with the photo of the signed 送达回证 as proof
    const officer = await p.signIn('liedong-officer');
    const choose = await p.taskRow('choose-service-method', CASE_REF);
    const chosen = await officer.post(`/api/tasks/${choose.id}/complete`).send({ variables: { method: 'direct' } });
    expect(chosen.status, JSON.stringify(chosen.body)).to.equal(200);
    const serve = await p.taskRow('serve-directly', CASE_REF);
    const photo = await officer.post(`/api/cases/${caseId}/evidence`).field('kind', 'photo').field('title', '送达回证（检查通知书）').field('taskId', String(serve.id))
      .attach('file', RECEIPT_PHOTO, { filename: '送达回证.jpg', contentType: 'image/jpeg' });
    expect(photo.status, JSON.stringify(photo.body)).to.equal(201);
    evidenceId = photo.body.id as number;
    const served = await officer.post(`/api/tasks/${serve.id}/complete`).send({ variables: { delivered: true, refused: false, recipient: '李某（店长）', receivedAt: chinaNow(), receiptPhotos: [evidenceId] } });
    expect(served.status, JSON.stringify(served.body)).to.equal(200);
    serviceRecordId = await waitUntil(async () => {
      const record = await db('app.service_records').where({ case_ref: CASE_REF }).first('id');
      return record ? Number(record.id) : null;
    }, 15_000, `the service record of ${CASE_REF}`);
  });

  it('records the evidence ids of the service form as the proof of the service record', async () => {
    const record = await p.h.database.db('app.service_records').where({ id: serviceRecordId }).first();
    expect(record).to.deep.include({ method: 'direct', recipient: '李某（店长）' });
    expect(record.proof).to.deep.equal({ signedBy: '李某（店长）', evidenceIds: [evidenceId] });
  });

  it('lists the case\'s documents, PDF and DOCX, with the service of the served one and its proof', async () => {
    const officer = await p.signIn('liedong-officer');
    const r = await officer.get(`/api/cases/${caseId}/documents`);
    expect(r.status).to.equal(200);
    const notices = (r.body as Array<Record<string, unknown>>).filter((d) => d.kind === 'inspection-notice');
    expect(notices.map((d) => d.format)).to.deep.equal(['pdf', 'docx']);
    const [pdf, docx] = notices as Array<{ id: number; title: string; number: string; sha256: string; byteSize: number; mediaType: string; service: Array<Record<string, unknown>> }>;
    expect(pdf!.title).to.equal('行政检查通知书');
    expect(pdf!.number).to.match(/^三元区列东街道办事处检通〔\d{4}〕\d+号$/);
    expect(pdf!.mediaType).to.equal('application/pdf');
    expect(pdf!.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(pdf!.service).to.have.length(1);
    expect(pdf!.service[0]).to.deep.include({ id: serviceRecordId, method: 'direct', recipient: '李某（店长）' });
    expect(pdf!.service[0]!.evidence).to.deep.equal([{ id: evidenceId, title: '送达回证（检查通知书）', kind: 'photo', mediaType: 'image/jpeg', sha256: sha256(RECEIPT_PHOTO), byteSize: RECEIPT_PHOTO.length }]);
    expect(docx!.service).to.deep.equal([]);
    expect(pdf).to.not.have.property('storagePath');
  });

  it('puts the generated notice, its service and the engine\'s steps on the case timeline, oldest first', async () => {
    const r = await (await p.signIn('liedong-officer')).get(`/api/cases/${caseId}/timeline`);
    expect(r.status).to.equal(200);
    const entries = r.body as Array<{ at: string; source: string; type: string; summary: string }>;
    const summaries = entries.map((e) => e.summary);
    expect(summaries.filter((s) => s.startsWith('制作文书：行政检查通知书'))).to.have.length.of.at.least(1);
    expect(summaries).to.include.members(['送达：行政检查通知书（direct，受送达人李某（店长））']);
    expect(entries.some((e) => e.source === 'engine' && e.type === 'user_task:element_completed')).to.equal(true);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
  });

  it('lists the service records with the proof resolved to evidence that downloads', async () => {
    const head = await p.signIn('liedong-head');
    const r = await head.get(`/api/cases/${caseId}/service-records`);
    expect(r.status).to.equal(200);
    expect(r.body).to.have.length(1);
    expect(r.body[0]).to.deep.include({ id: serviceRecordId, documentKind: 'inspection-notice', documentTitle: '行政检查通知书', method: 'direct', recipient: '李某（店长）', electronicDelivery: null });
    expect(r.body[0].proof).to.deep.equal({ signedBy: '李某（店长）', evidenceIds: [evidenceId] });
    expect(r.body[0].evidence.map((e: { id: number }) => e.id)).to.deep.equal([evidenceId]);
    const download = await binary(head.get(`/api/evidence/${evidenceId}/content?download=1`));
    expect(download.status).to.equal(200);
    expect(download.headers['content-disposition']).to.equal(`attachment; filename="____.jpg"; filename*=UTF-8''${encodeURIComponent('送达回证.jpg')}`);
    expect(sha256(download.body as Buffer)).to.equal(sha256(RECEIPT_PHOTO));
  });

  it('shows an electronic service with the reference of its delivery to the designated system', async () => {
    // given: the notice also delivered electronically (rows as send-electronic-document and record-service write them)
    const db = p.h.database.db;
    const pdf = await db('app.documents').where({ case_ref: CASE_REF, kind: 'inspection-notice', format: 'pdf' }).first();
    const consent = { confirmedAt: '2026-09-20T10:00:00+08:00', reference: '电子送达确认书〔2026〕18号' };
    await db('app.electronic_deliveries').insert({ document_id: pdf.id, process_instance_key: pdf.process_instance_key, case_ref: CASE_REF, address: 'mzf://92350400MA3X000001', consent, correlation_key: `${CASE_REF}:inspection-notice`, status: 'delivered', requested_at: '2026-09-24T09:10:00+08:00', delivered_at: '2026-09-24T09:12:00+08:00', job_key: 8_800_001 });
    await db('app.service_records').insert({ document_id: pdf.id, process_instance_key: pdf.process_instance_key, case_ref: CASE_REF, method: 'electronic', recipient: '三明市列东某某便利店1', served_at: '2026-09-24T09:12:00+08:00', deemed_served_at: '2026-09-24T09:12:00+08:00', proof: { consent }, job_key: 8_800_002 });
    // when
    const r = await (await p.signIn('liedong-officer')).get(`/api/cases/${caseId}/service-records`);
    // then
    const electronic = (r.body as Array<Record<string, unknown>>).find((s) => s.method === 'electronic')!;
    expect(electronic.proof).to.deep.equal({ consent, evidenceIds: [] });
    expect(electronic.electronicDelivery).to.deep.include({ address: 'mzf://92350400MA3X000001', status: 'delivered', reference: '电子送达确认书〔2026〕18号', deliveredAt: '2026-09-24T01:12:00.000Z' });
  });

  it('serves the PDF inline for the browser\'s viewer and the DOCX as a download, both checked against their SHA-256', async () => {
    const officer = await p.signIn('liedong-officer2');
    const [pdf, docx] = ((await officer.get(`/api/cases/${caseId}/documents`)).body as Array<{ id: number; kind: string; sha256: string; title: string; number: string }>).filter((d) => d.kind === 'inspection-notice');
    const inline = await binary(officer.get(`/api/documents/${pdf!.id}/content`));
    expect(inline.status).to.equal(200);
    expect(inline.headers['content-type']).to.equal('application/pdf');
    expect(inline.headers['x-content-type-options']).to.equal('nosniff');
    expect(inline.headers['content-disposition']).to.match(/^inline; filename=".*\.pdf"; filename\*=UTF-8''/);
    // the console previews it in a frame of its own page, and only there
    expect(inline.headers['x-frame-options']).to.equal('SAMEORIGIN');
    expect(inline.headers['content-security-policy']).to.equal("frame-ancestors 'self'");
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(inline.headers['content-disposition'] as string)![1]!)).to.equal(`行政检查通知书（${pdf!.number}）.pdf`);
    expect((inline.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(sha256(inline.body as Buffer)).to.equal(pdf!.sha256);
    expect((await officer.get(`/api/documents/${pdf!.id}/content?download=1`)).headers['content-disposition']).to.match(/^attachment; /);
    const word = await binary(officer.get(`/api/documents/${docx!.id}/content`));
    expect(word.headers['content-type']).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(word.headers['content-disposition']).to.match(/^attachment; /);
    expect(sha256(word.body as Buffer)).to.equal(docx!.sha256);
  });

  it('refuses a document whose file no longer matches its SHA-256 (409), rather than serving it', async () => {
    const db = p.h.database.db;
    const docx = await db('app.documents').where({ case_ref: CASE_REF, kind: 'inspection-notice', format: 'docx' }).first();
    await writeFile(path.join(p.dataDir, ...String(docx.storage_path).split('/')), Buffer.from('PK\u0003\u0004 altered'));
    const r = await (await p.signIn('liedong-officer')).get(`/api/documents/${docx.id}/content`);
    expect(r.status).to.equal(409);
    expect(r.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(r.body.detail).to.contain('has been changed');
  });

  describe('permissions', () => {
    let pdfId: number;
    before(async () => {
      pdfId = Number((await p.h.database.db('app.documents').where({ case_ref: CASE_REF, format: 'pdf' }).first('id')).id);
    });
    const urls = () => [`/api/cases/${caseId}/documents`, `/api/cases/${caseId}/service-records`, `/api/documents/${pdfId}/content`];

    it('lets supervisors of the subtree and the body\'s reviewer read', async () => {
      for (const username of ['liedong-reviewer', 'sanyuan-supervisor', 'city-admin']) {
        const agent = await p.signIn(username);
        for (const url of urls()) expect((await agent.get(url)).status, `${username} ${url}`).to.equal(200);
      }
    });

    it('refuses an officer of another body of the county and process designers (403)', async () => {
      for (const username of ['sanyuan-officer', 'liedong-designer', 'city-designer']) {
        const agent = await p.signIn(username);
        for (const url of urls()) {
          const r = await agent.get(url);
          expect(r.status, `${username} ${url}`).to.equal(403);
          expect(JSON.stringify(r.body)).to.not.contain('李某');
        }
      }
    });

    it('answers 404 without data to another county', async () => {
      for (const username of ['shaxian-officer', 'shaxian-supervisor']) {
        const agent = await p.signIn(username);
        for (const url of urls()) {
          const r = await agent.get(url);
          expect(r.status, `${username} ${url}`).to.equal(404);
          expect(JSON.stringify(r.body)).to.not.match(/李某|检查通知书|JC-DOC/);
        }
      }
    });

    it('answers 401 without a session', async () => {
      for (const url of urls()) expect((await p.anonymous().get(url)).status, url).to.equal(401);
    });
  });
});
