/**
 * Evidence (证据) of a case: multipart upload streamed to the store while hashed, the type judged by the content
 * (a renamed executable or HTML page is refused, naming what it really is), per-kind size limits, idempotent retries of
 * offline phones by clientId, inline/attachment serving with RFC 5987 names, and the integrity check that finds a
 * changed and a missing file. Every permission denial: another body 403, another county 404 without data, process
 * designer 403, anonymous 401.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { createApp } from '../../api/app.js';
import { DEMO_PASSWORD } from '../../api/seed/demo-data.js';
import { seedDemo } from '../../api/seed/seed-demo.js';
import { useSuiteDatabase } from '../support/suite-database.js';
import { testLogger } from '../support/logger.js';

/** A tiny JPEG as cameras start one (SOI, APP1 Exif, DQT), padded to `size` bytes. */
function jpeg(size = 2048, seed = 1): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0xff, 0xdb]);
  const body = Buffer.alloc(Math.max(0, size - head.length - 2), seed);
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** An MP4 as phones record it: an ftyp box (isom/mp42), then a free box. */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp42'), Buffer.from([0, 0, 0, 8]), Buffer.from('free')]);
/** A Windows executable (MZ header) named as a photo. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/auth/me")</script></body></html>');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('API: evidence of a case (证据)', function () {
  this.timeout(30_000);
  const ctx = useSuiteDatabase('evidence');
  let app: Express;
  let dataDir = '';
  let caseId: number;
  let otherCaseId: number;
  let otherCaseTaskId: number;
  const sessions = new Map<string, supertest.Agent>();

  const signIn = async (username: string) => {
    if (!sessions.has(username)) {
      const agent = supertest.agent(app);
      const r = await agent.post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
      expect(r.status, `sign-in of ${username}`).to.equal(200);
      sessions.set(username, agent);
    }
    return sessions.get(username)!;
  };
  const userId = async (username: string) => Number((await ctx.db('app.users').where({ username }).first('id')).id);
  const bodyId = async (name: string) => Number((await ctx.db('app.enforcement_bodies').where('name', 'like', `%${name}%`).first('id')).id);

  async function openCase(caseRef: string, body: number, officers: string[]): Promise<number> {
    const [row] = await ctx.db('app.cases').insert({ case_ref: caseRef, kind: 'inspection', procedure: 'inspection', body_id: body, field: 'township_comprehensive', title: '门前三包检查', party_name: '三明市列东某某便利店' }).returning('id');
    const id = Number(row.id);
    for (const [i, username] of officers.entries()) await ctx.db('app.case_officers').insert({ case_id: id, user_id: await userId(username), role: i === 0 ? 'lead' : 'assistant' });
    return id;
  }

  /** A multipart upload as the mobile console sends it: the fields first, then the file. */
  function upload(agent: supertest.Agent, id: number, fields: Record<string, string>, file: Buffer, filename: string, contentType = 'image/jpeg') {
    const request = agent.post(`/api/cases/${id}/evidence`);
    for (const [name, value] of Object.entries(fields)) request.field(name, value);
    return request.attach('file', file, { filename, contentType });
  }

  const storedFiles = async (): Promise<string[]> => {
    const root = path.join(dataDir, 'evidence');
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  };

  before(async () => {
    await seedDemo(ctx.db, testLogger());
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'evidence-'));
    app = createApp({ db: ctx.db, log: testLogger(), clock: { now: () => new Date() }, sessionTtlHours: 12, secureCookies: false, webDist: null, dataDir, evidenceMaxBytes: { photo: 64 * 1024 } });
    const liedong = await bodyId('列东街道办事处');
    caseId = await openCase('JC-EV-2026-001', liedong, ['liedong-officer', 'liedong-officer2']);
    otherCaseId = await openCase('JC-EV-2026-002', liedong, ['liedong-officer']);
    const [task] = await ctx.db('app.tasks').insert({ job_key: 9_000_001, process_instance_key: 1, bpmn_process_id: 'inspection', element_id: 'conduct-inspection', name: '实施检查', case_id: otherCaseId, case_ref: 'JC-EV-2026-002', body_id: liedong }).returning('id');
    otherCaseTaskId = Number(task.id);
  });

  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  describe('upload', () => {
    it('stores a photo with its SHA-256, size, sniffed type, time and place of capture, records the case event and the audit entry', async () => {
      // given
      const officer = await signIn('liedong-officer');
      const bytes = jpeg(4096);
      const [task] = await ctx.db('app.tasks').insert({ job_key: 9_000_002, process_instance_key: 1, bpmn_process_id: 'inspection', element_id: 'conduct-inspection', name: '实施检查', case_id: caseId, case_ref: 'JC-EV-2026-001' }).returning('id');
      // when: the client claims a PNG; the content is a JPEG
      const r = await upload(officer, caseId, {
        kind: 'photo', title: '店外占道堆放货物', description: '东侧人行道', capturedAt: '2026-09-29T09:30:00+08:00',
        location: JSON.stringify({ latitude: 26.2634, longitude: 117.6389, accuracy: 12.5 }), taskId: String(task.id),
      }, bytes, '现场照片 1.png', 'image/png');
      // then
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(r.body).to.deep.include({
        caseId, kind: 'photo', title: '店外占道堆放货物', description: '东侧人行道', originalName: '现场照片 1.png', mediaType: 'image/jpeg', byteSize: 4096, sha256: sha256(bytes),
        capturedAt: '2026-09-29T01:30:00.000Z', location: { latitude: 26.2634, longitude: 117.6389, accuracy: 12.5 }, taskId: Number(task.id), clientId: null,
      });
      expect(r.body.uploadedBy).to.deep.equal({ id: await userId('liedong-officer'), displayName: '谢执法（列东街道）' });
      expect(r.body).to.not.have.property('storageKey');
      const row = await ctx.db('app.evidence').where({ id: r.body.id }).first();
      const file = path.join(dataDir, 'evidence', ...String(row.storage_key).split('/'));
      expect(sha256(await import('node:fs/promises').then((fs) => fs.readFile(file)))).to.equal(sha256(bytes));
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      expect((await stat(path.dirname(file))).mode & 0o777).to.equal(0o700);
      const event = await ctx.db('app.case_events').where({ case_id: caseId, type: 'evidence-added' }).first();
      expect(event).to.deep.include({ summary: '添加证据：店外占道堆放货物' });
      expect(event.data).to.deep.include({ evidenceId: r.body.id, sha256: sha256(bytes) });
      const audit = await ctx.db('app.audit_log').where({ entity: 'evidence', entity_id: String(r.body.id) }).first();
      expect(audit).to.deep.include({ action: 'create' });
      expect(audit.detail).to.deep.include({ sha256: sha256(bytes), byteSize: 4096 });
    });

    it('accepts audio, video and document kinds by their content (MP4 video, PNG signature, Chinese plain text as a document)', async () => {
      const officer = await signIn('liedong-officer2');
      const video = await upload(officer, caseId, { kind: 'video', title: '执法记录仪录像' }, MP4, 'VID_0001.mp4', 'video/mp4');
      expect(video.status, JSON.stringify(video.body)).to.equal(201);
      expect(video.body.mediaType).to.equal('video/mp4');
      const signature = await upload(officer, caseId, { kind: 'signature', title: '当事人签名' }, PNG, 'signature.png', 'image/png');
      expect(signature.body).to.deep.include({ mediaType: 'image/png', kind: 'signature' });
      const note = await upload(officer, caseId, { kind: 'document', title: '询问笔录（文字）' }, Buffer.from('询问笔录\n问：你是否知道门前三包责任？\n答：知道。\n'), '询问笔录.txt', 'text/plain');
      expect(note.body).to.deep.include({ mediaType: 'text/plain', kind: 'document' });
    });

    it('is idempotent by clientId: the retry of an offline phone gets the stored record (200), and no second file', async () => {
      const officer = await signIn('liedong-officer');
      const clientId = randomUUID();
      const filesBefore = (await storedFiles()).length;
      const first = await upload(officer, caseId, { kind: 'photo', title: '营业执照', clientId }, jpeg(1024, 7), 'licence.jpg');
      const again = await upload(officer, caseId, { kind: 'photo', title: '营业执照', clientId }, jpeg(1024, 7), 'licence.jpg');
      expect(first.status).to.equal(201);
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal(first.body);
      expect((await storedFiles()).length).to.equal(filesBefore + 1);
      expect(Number((await ctx.db('app.evidence').where({ client_id: clientId }).count({ n: '*' }).first())!.n)).to.equal(1);
      // the same clientId for another case is a conflict, not a silent answer about the first case
      const elsewhere = await upload(officer, otherCaseId, { kind: 'photo', title: '营业执照', clientId }, jpeg(1024, 7), 'licence.jpg');
      expect(elsewhere.status).to.equal(409);
      expect(elsewhere.body.errors).to.deep.equal([{ path: '/body/clientId', message: 'is already used', keyword: 'unique' }]);
    });

    it('refuses an executable or an HTML page named as a photo (415, naming the type found), and leaves no file behind', async () => {
      const officer = await signIn('liedong-officer');
      const before = await storedFiles();
      const exe = await upload(officer, caseId, { kind: 'photo', title: '照片' }, EXE, 'IMG_0001.jpg');
      expect(exe.status).to.equal(415);
      expect(exe.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(exe.body.detail).to.contain('application/x-msdownload');
      const html = await upload(officer, caseId, { kind: 'document', title: '说明' }, HTML, 'IMG_0002.jpg');
      expect(html.status).to.equal(415);
      expect(html.body.detail).to.contain('text/html');
      expect(await storedFiles()).to.deep.equal(before);
      expect(await ctx.db('app.evidence').where({ title: '照片' }).first()).to.equal(undefined);
    });

    it('refuses a photo over the configured limit (413) and a file whose content does not match the kind (400 at /body/kind)', async () => {
      const officer = await signIn('liedong-officer');
      const before = await storedFiles();
      const big = await upload(officer, caseId, { kind: 'photo', title: '大照片' }, jpeg(64 * 1024 + 1), 'big.jpg');
      expect(big.status).to.equal(413);
      expect(big.body.detail).to.contain('65536 bytes');
      // the kind sent after the file: judged once the whole file is in
      const late = await officer.post(`/api/cases/${caseId}/evidence`).attach('file', jpeg(70 * 1024), { filename: 'late.jpg', contentType: 'image/jpeg' }).field('kind', 'photo').field('title', '后发字段');
      expect(late.status).to.equal(413);
      const mismatch = await upload(officer, caseId, { kind: 'audio', title: '录音' }, PNG, 'recording.m4a', 'audio/mp4');
      expect(mismatch.status).to.equal(400);
      expect(mismatch.body.errors).to.deep.equal([{ path: '/body/kind', message: "does not match the file's content (image/png)", keyword: 'mediaType' }]);
      expect(await storedFiles()).to.deep.equal(before);
      expect(await readdir(path.join(dataDir, 'evidence', '.incoming'))).to.deep.equal([]);
    });

    it('validates the form: location in range, a task of this case, a file, the kind (400 with the path of each error)', async () => {
      const officer = await signIn('liedong-officer');
      const place = await upload(officer, caseId, { kind: 'photo', title: '照片', location: JSON.stringify({ latitude: 95, longitude: 117.6 }) }, jpeg(), 'a.jpg');
      expect(place.status).to.equal(400);
      expect(place.body.errors).to.deep.equal([{ path: '/body/location/latitude', message: 'must be <= 90', keyword: 'maximum' }]);
      const notJson = await upload(officer, caseId, { kind: 'photo', title: '照片', location: '26.26,117.63' }, jpeg(), 'a.jpg');
      expect(notJson.body.errors[0]).to.include({ path: '/body/location', keyword: 'json' });
      const task = await upload(officer, caseId, { kind: 'photo', title: '照片', taskId: String(otherCaseTaskId) }, jpeg(), 'a.jpg');
      expect(task.status).to.equal(400);
      expect(task.body.errors).to.deep.equal([{ path: '/body/taskId', message: 'must be a task of the case', keyword: 'taskOfCase' }]);
      const noFile = await officer.post(`/api/cases/${caseId}/evidence`).field('kind', 'photo').field('title', '照片');
      expect(noFile.status).to.equal(400);
      expect(noFile.body.errors[0]).to.include({ path: '/body/file' });
      const kind = await upload(officer, caseId, { kind: 'x-ray', title: '照片' }, jpeg(), 'a.jpg');
      expect(kind.body.errors[0]).to.include({ path: '/body/kind', keyword: 'enum' });
      const json = await officer.post(`/api/cases/${caseId}/evidence`).send({ kind: 'photo', title: '照片' });
      expect(json.status).to.equal(415);
    });

    it('answers 404 for an unknown case', async () => {
      const officer = await signIn('liedong-officer');
      const r = await upload(officer, 999_999, { kind: 'photo', title: '照片' }, jpeg(), 'a.jpg');
      expect(r.status).to.equal(404);
    });
  });

  describe('reading and the integrity check', () => {
    it('lists the evidence of the case, oldest first', async () => {
      const head = await signIn('liedong-head');
      const r = await head.get(`/api/cases/${caseId}/evidence`);
      expect(r.status).to.equal(200);
      expect(r.body.map((e: { title: string }) => e.title).slice(0, 4)).to.deep.equal(['店外占道堆放货物', '执法记录仪录像', '当事人签名', '询问笔录（文字）']);
      for (const item of r.body) expect(item.caseId).to.equal(caseId);
    });

    it('serves a file inline with its sniffed type and a UTF-8 file name, or as an attachment with download=1', async () => {
      const supervisor = await signIn('sanyuan-supervisor');
      const [photo] = (await supervisor.get(`/api/cases/${caseId}/evidence`)).body as Array<{ id: number; sha256: string }>;
      const inline = await supervisor.get(`/api/evidence/${photo!.id}/content`).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(inline.status).to.equal(200);
      expect(inline.headers['content-type']).to.equal('image/jpeg');
      expect(inline.headers['x-content-type-options']).to.equal('nosniff');
      expect(inline.headers['content-disposition']).to.equal(`inline; filename="____ 1.png"; filename*=UTF-8''${encodeURIComponent('现场照片 1.png')}`);
      expect(sha256(inline.body as Buffer)).to.equal(photo!.sha256);
      const download = await supervisor.get(`/api/evidence/${photo!.id}/content?download=1`);
      expect(download.headers['content-disposition']).to.match(/^attachment; /);
      const text = (await supervisor.get(`/api/cases/${caseId}/evidence`)).body.find((e: { title: string }) => e.title === '询问笔录（文字）');
      const note = await supervisor.get(`/api/evidence/${text.id}/content`);
      expect(note.headers['content-type']).to.equal('text/plain; charset=utf-8');
      expect(note.text).to.contain('门前三包');
    });

    it('re-hashes every file and reports a changed and a missing one; a changed file is no longer served', async () => {
      // given: one file altered on disk, one deleted
      const officer = await signIn('liedong-officer');
      const items = (await officer.get(`/api/cases/${caseId}/evidence`)).body as Array<{ id: number; sha256: string; title: string }>;
      const rows = await ctx.db('app.evidence').where({ case_id: caseId }).orderBy('id');
      const fileOf = (id: number) => path.join(dataDir, 'evidence', ...String(rows.find((r) => Number(r.id) === id).storage_key).split('/'));
      const [changed, missing] = [items[0]!, items[1]!];
      await writeFile(fileOf(changed.id), jpeg(4096, 2));
      await unlink(fileOf(missing.id));
      // when
      const r = await officer.post(`/api/cases/${caseId}/evidence/verify`).send({});
      // then
      expect(r.status).to.equal(200);
      expect(r.body).to.include({ checked: items.length, intact: false });
      const byId = new Map((r.body.items as Array<{ id: number }>).map((i) => [i.id, i]));
      expect(byId.get(changed.id)).to.deep.include({ ok: false, problem: 'changed', expectedSha256: changed.sha256, actualSha256: sha256(jpeg(4096, 2)) });
      expect(byId.get(missing.id)).to.deep.include({ ok: false, problem: 'missing', actualSha256: null });
      expect(byId.get(items[2]!.id)).to.deep.include({ ok: true, expectedSha256: items[2]!.sha256, actualSha256: items[2]!.sha256 });
      expect((await officer.get(`/api/evidence/${changed.id}/content`)).status).to.equal(409);
      expect((await officer.get(`/api/evidence/${missing.id}/content`)).status).to.equal(409);
      expect(await ctx.db('app.audit_log').where({ action: 'verify', entity: 'evidence' }).first()).to.not.equal(undefined);
    });
  });

  describe('permissions', () => {
    let evidenceId: number;
    before(async () => {
      evidenceId = Number((await ctx.db('app.evidence').where({ case_id: caseId }).orderBy('id', 'desc').first('id')).id);
    });

    const reads = () => [
      ['get', `/api/cases/${caseId}/evidence`],
      ['get', `/api/evidence/${evidenceId}/content`],
      ['post', `/api/cases/${caseId}/evidence/verify`],
    ] as const;

    it('lets body readers and supervisors of the subtree read, but only officers of the case upload', async () => {
      for (const username of ['liedong-head', 'liedong-reviewer', 'liedong-supervisor', 'sanyuan-supervisor', 'city-supervisor', 'city-admin']) {
        const agent = await signIn(username);
        for (const [method, url] of reads()) expect((await agent[method](url).send(method === 'post' ? {} : undefined)).status, `${username} ${method} ${url}`).to.equal(200);
        const r = await upload(agent, caseId, { kind: 'photo', title: '照片' }, jpeg(), 'a.jpg');
        expect(r.status, `${username} uploads`).to.equal(403);
      }
    });

    it('refuses an officer of another body of the county and a process designer (403)', async () => {
      for (const username of ['sanyuan-officer', 'liedong-designer', 'sanyuan-designer']) {
        const agent = await signIn(username);
        for (const [method, url] of reads()) {
          const r = await agent[method](url).send(method === 'post' ? {} : undefined);
          expect(r.status, `${username} ${method} ${url}`).to.equal(403);
          expect(JSON.stringify(r.body)).to.not.contain('店外占道');
        }
        expect((await upload(agent, caseId, { kind: 'photo', title: '照片' }, jpeg(), 'a.jpg')).status).to.equal(403);
      }
    });

    it('answers 404 without data to another county', async () => {
      for (const username of ['shaxian-officer', 'shaxian-supervisor']) {
        const agent = await signIn(username);
        for (const [method, url] of reads()) {
          const r = await agent[method](url).send(method === 'post' ? {} : undefined);
          expect(r.status, `${username} ${method} ${url}`).to.equal(404);
          expect(JSON.stringify(r.body)).to.not.match(/店外占道|JC-EV|sha256/);
        }
        expect((await upload(agent, caseId, { kind: 'photo', title: '照片' }, jpeg(), 'a.jpg')).status).to.equal(404);
      }
    });

    it('answers 401 without a session', async () => {
      const anonymous = supertest.agent(app);
      for (const [method, url] of reads()) expect((await anonymous[method](url).send(method === 'post' ? {} : undefined)).status).to.equal(401);
      expect((await upload(anonymous, caseId, { kind: 'photo', title: '照片' }, jpeg(), 'a.jpg')).status).to.equal(401);
    });
  });
});
