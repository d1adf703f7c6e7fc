import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { creditCodeCheckCharacter } from '../../legal/identity.js';
import { ARTIFACTS, launchChromium, screenshot } from '../support/browser.js';
import { useCasePlatform } from '../support/case-platform.js';

/**
 * The phone console (/m/): an officer records an on-site inspection with checklist, camera photos, location and the
 * party's signature while offline, reloads the app offline, and the record syncs once the phone is back online, through
 * lost answers, with every photo and the signature stored once and the task completed once.
 */
describe('browser: the on-site inspection record on a phone, offline and synced', () => {
  const p = useCasePlatform('case-mobile', { listen: true });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let touch: CDPSession;
  let failed = false;
  let caseId = 0;
  let caseRef = '';
  let taskId = '';

  const creditCode = () => {
    const first17 = '91350404MA31C0001';
    return first17 + creditCodeCheckCharacter(first17);
  };

  async function completeTask(username: string, elementId: string, variables: Record<string, unknown>): Promise<void> {
    const row = await p.taskRow(elementId, caseRef);
    const agent = await p.signIn(username);
    const response = await agent.post(`/api/tasks/${String(row.id)}/complete`).send({ variables });
    if (response.status !== 200) throw new Error(`Expected to complete '${elementId}' as ${username}, but got ${response.status}: ${JSON.stringify(response.body)}`);
  }

  before(async function () {
    this.timeout(180_000);
    // given: an inspection case of 三元区城市管理局 driven to the on-site inspection
    const officer = await p.signIn('sanyuan-officer');
    const bodyId = await p.bodyId('三元区城市管理');
    const opened = await officer.post('/api/cases').send({
      kind: 'inspection',
      procedure: 'inspection',
      bodyId,
      title: '门前三包责任落实情况检查',
      itemIds: [],
      parties: [{ type: 'organisation', name: '三明市三元区某某便利店', idType: 'credit-code', idNumber: creditCode(), address: '三明市三元区列东街1号' }],
      officerIds: [await p.userId('sanyuan-officer'), await p.userId('sanyuan-officer2')],
      variables: { inspection: { type: 'routine', items: '门前三包责任落实情况、店招店牌设置', source: '2026年度行政检查计划（双随机抽取）', randomDraw: true, legalBasis: '《福建省城市市容和环境卫生管理办法》第十条' } },
    });
    if (opened.status !== 201) throw new Error(`Expected to open the inspection case, but got ${opened.status}: ${JSON.stringify(opened.body)}`);
    caseId = Number(opened.body.id);
    caseRef = opened.body.caseRef;
    const now = p.clock.now();
    const plannedAt = new Date(now.getTime() + 86_400_000).toISOString();
    await completeTask('sanyuan-officer', 'plan-inspection', { type: 'routine', items: '门前三包责任落实情况、店招店牌设置', method: 'on-site', officers: ['sanyuan-officer', 'sanyuan-officer2'], plannedAt });
    await completeTask('sanyuan-head', 'approve-inspection', { approved: true, opinion: '同意', decidedAt: now.toISOString() });
    await completeTask('sanyuan-officer', 'choose-service-method', { method: 'direct' });
    await completeTask('sanyuan-officer', 'serve-directly', { delivered: true, refused: false, recipient: '李某（店长）', receivedAt: now.toISOString() });
    taskId = String((await p.taskRow('conduct-inspection', caseRef, 30_000)).id);

    await mkdir(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'zh-CN', serviceWorkers: 'allow' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => process.stdout.write(`[pageerror] ${e.message}\n`));
    touch = await context.newCDPSession(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await screenshot(page, `screenshots/mobile-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(30_000);
    if (failed) process.stdout.write(`mobile spec failed; case ${caseRef}\n`);
    await browser?.close();
  });

  /** A real JPEG from the browser's encoder (the server sniffs the content). */
  async function jpeg(label: string, colour: string): Promise<Buffer> {
    const base64 = await page.evaluate(
      async ([text, fill]) => {
        const canvas = document.createElement('canvas');
        canvas.width = 640;
        canvas.height = 480;
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = fill!;
        ctx.fillRect(0, 0, 640, 480);
        ctx.fillStyle = '#fff';
        ctx.font = '48px sans-serif';
        ctx.fillText(text!, 40, 240);
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.8));
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (const b of bytes) binary += String.fromCharCode(b);
        return btoa(binary);
      },
      [label, colour],
    );
    return Buffer.from(base64, 'base64');
  }

  /** A finger stroke on the canvas (touch events, as a phone sends them). */
  async function sign(): Promise<void> {
    const box = (await page.locator('[data-test=signature-canvas]').boundingBox())!;
    const points = Array.from({ length: 12 }, (_, i) => ({ x: box.x + 30 + i * 22, y: box.y + box.height / 2 + Math.sin(i) * 40 }));
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]!] });
    for (const point of points.slice(1)) await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  const evidenceRows = () => p.h.database.db('app.evidence').where({ case_id: caseId }).orderBy('id').select('id', 'kind', 'client_id', 'location');


  it('shows the officer’s 待办 on the phone after signing in, with the on-site inspection', async function () {
    this.timeout(60_000);
    // when
    await page.goto(`${p.baseUrl}/m/tasks`);
    await page.waitForURL(/\/login\?redirect=/);
    await page.locator('[data-test=login-username]').fill('sanyuan-officer');
    await page.locator('[data-test=login-password]').fill('Demo@2026');
    await page.locator('[data-test=login-submit]').click();

    // then
    await page.waitForURL(/\/m\/tasks$/);
    const card = page.locator('[data-test=task-card][data-element=conduct-inspection]').filter({ hasText: caseRef });
    await card.waitFor();
    expect(await card.innerText()).to.contain('现场检查');
    const height = (await card.boundingBox())!.height;
    expect(height, 'a big touch target').to.be.at.least(64);
    // the service worker controls /m/ only, so the desktop console is never served by it
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const scopes = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));
    expect(scopes).to.deep.equal([`${p.baseUrl}/m/`]);
    await screenshot(page, 'screenshots/mobile-01-tasks');
  });


  it('fills the record: checklist rows, two camera photos, the location and the party’s signature', async function () {
    this.timeout(60_000);
    // given
    await context.grantPermissions(['geolocation'], { origin: p.baseUrl });
    await context.setGeolocation({ latitude: 26.263391, longitude: 117.638921, accuracy: 12 });
    const photos = [await jpeg('现场1', '#2a6f97'), await jpeg('现场2', '#6a994e')];

    // when
    await page.locator('[data-test=task-card][data-element=conduct-inspection]').filter({ hasText: caseRef }).click();
    await page.waitForURL(new RegExp(`/m/tasks/${taskId}$`));
    const rows = page.locator('[data-test=checklist-row]');
    await rows.first().waitFor();

    // then: one row per item of the plan
    expect(await rows.count()).to.equal(2);
    expect(await rows.nth(0).locator('input[data-test=checklist-item]').inputValue()).to.equal('门前三包责任落实情况');

    // when
    await rows.nth(0).locator('[data-test=result-compliant]').click();
    await rows.nth(1).locator('[data-test=result-non-compliant]').click();
    await rows.nth(1).locator('input[data-test=checklist-note]').fill('店招破损未及时修复');
    await page.locator('[data-test=checklist-add]').click();
    await rows.nth(2).locator('input[data-test=checklist-item]').fill('消防通道');
    await rows.nth(2).locator('[data-test=result-not-applicable]').click();
    await page.locator('textarea[data-test=field-findings]').fill('店外人行道整洁，店招一处破损');
    await page.locator('[data-test=photo-input]').setInputFiles([
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photos[0]! },
      { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photos[1]! },
    ]);
    await page.locator('[data-test=location-locate]').click();
    await page.locator('[data-test=location-value]').filter({ hasText: '26.263391' }).waitFor();
    await page.locator('[data-test=signature-canvas]').scrollIntoViewIfNeeded();
    await sign();
    await page.locator('[data-test=signature-confirm]').click();

    // then
    await page.locator('[data-test=signature-preview]').waitFor();
    expect(await page.locator('[data-test=photo-thumb]').count()).to.equal(2);
    await screenshot(page, 'screenshots/mobile-02-record');
  });


  it('keeps the record on the phone when submitted offline, and still shows it after an offline reload', async function () {
    this.timeout(60_000);
    // when
    await context.setOffline(true);
    await page.locator('[data-test=network-state]').filter({ hasText: '离线' }).waitFor();
    await page.locator('[data-test=record-submit]').click();

    // then
    await page.waitForURL(/\/m\/sync$/);
    const item = page.locator('[data-test=sync-item]');
    await item.waitFor();
    expect(await item.count()).to.equal(1);
    expect(await item.locator('[data-test=sync-item-photos]').innerText()).to.contain('照片 0/2');
    expect(await page.locator('[data-test=sync-counts]').innerText()).to.contain('3 个附件待上传');
    expect(await page.locator('[data-test=sync-badge]').innerText()).to.equal('1');
    await screenshot(page, 'screenshots/mobile-03-pending-sync');
    expect(await evidenceRows()).to.have.length(0);
    expect((await p.h.database.db('app.tasks').where({ id: taskId }).first()).state).to.equal('created');

    // when the app is reloaded without network
    await page.reload();

    // then the shell comes from the service worker and the record from IndexedDB
    await page.locator('[data-test=sync-item]').waitFor();
    // (Chromium's offline emulation reports navigator.onLine true after a reload, so the header says 在线 here and a
    // sync attempt fails with no network: the record stays)
    expect(await page.locator('[data-test=sync-item]').count()).to.equal(1);
    await screenshot(page, 'screenshots/mobile-03b-offline-reload');
    await page.locator('[data-test=tab-tasks]').click();
    await page.locator('[data-test=task-card][data-element=conduct-inspection] [data-test=task-pending]').waitFor();
  });


  it('syncs when back online, through lost answers, storing every photo and the signature once and completing the task once', async function () {
    this.timeout(90_000);
    // given: the answer to the first evidence upload and to the first completion are lost on the way back (the server
    // did the work), as when the signal drops mid-way
    const lost = { evidence: 0, complete: 0 };
    await page.route('**/api/cases/*/evidence', async (route) => {
      if (route.request().method() !== 'POST' || lost.evidence > 0) return route.fallback();
      lost.evidence += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.route('**/api/tasks/*/complete', async (route) => {
      if (lost.complete > 0) return route.fallback();
      lost.complete += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });

    // when the phone is back online: the first pass stops at the lost upload
    await context.setOffline(false);
    await page.locator('[data-test=tab-sync]').click();
    const item = page.locator('[data-test=sync-item]');
    await page.locator('[data-test=sync-now]').click();
    await page.waitForFunction(() => document.querySelector('[data-test=sync-item]')?.getAttribute('data-state') === 'retrying');
    expect(lost.evidence).to.equal(1);
    expect(await item.getAttribute('data-state')).to.equal('retrying');

    // when: 立即同步; the upload is sent again with the same clientId, then the completion's answer is lost
    await page.locator('[data-test=sync-now]').click();
    await page.waitForFunction(() => document.querySelector('[data-test=sync-item-photos]')?.textContent?.includes('照片 2/2'));
    await page.waitForFunction(() => document.querySelector('[data-test=sync-item]')?.getAttribute('data-state') === 'retrying');
    expect(lost.complete).to.equal(1);
    expect((await p.h.database.db('app.tasks').where({ id: taskId }).first()).state, 'the server completed it').to.equal('completed');

    // when: 立即同步 again; the same submissionId gets the same answer
    await page.locator('[data-test=sync-now]').click();

    // then
    await page.locator('[data-test=sync-empty]').filter({ hasText: '已全部同步' }).waitFor();
    await screenshot(page, 'screenshots/mobile-04-synced');
    const evidence = await evidenceRows();
    expect(evidence.map((e) => e.kind)).to.deep.equal(['photo', 'photo', 'signature']);
    expect(new Set(evidence.map((e) => e.client_id)).size).to.equal(3);
    expect(evidence[0].location).to.deep.include({ latitude: 26.263391, longitude: 117.638921 });
    const task = await p.h.database.db('app.tasks').where({ id: taskId }).first();
    expect(task.state).to.equal('completed');
    expect(task.submission_id).to.be.a('string');
    expect(task.submitted).to.deep.include({
      findings: '店外人行道整洁，店招一处破损',
      partyPresent: true,
      signed: true,
      photos: [Number(evidence[0].id), Number(evidence[1].id)],
      partySignature: Number(evidence[2].id),
      location: { latitude: 26.263391, longitude: 117.638921 },
    });
    expect(task.submitted.checklist).to.deep.equal([
      { item: '门前三包责任落实情况', result: 'compliant' },
      { item: '店招店牌设置', result: 'non-compliant', note: '店招破损未及时修复' },
      { item: '消防通道', result: 'not-applicable' },
    ]);
    // the process moved on, once
    await p.taskRow('conclude-inspection', caseRef);
    const next = await p.h.database.db('app.tasks').where({ case_ref: caseRef, element_id: 'conclude-inspection' });
    expect(next).to.have.length(1);
    const conducted = await p.h.database.db('app.tasks').where({ case_ref: caseRef, element_id: 'conduct-inspection' });
    expect(conducted).to.have.length(1);

    // and the 待办 shows the next step
    await page.locator('[data-test=tab-tasks]').click();
    await page.locator('[data-test=task-card][data-element=conclude-inspection]').filter({ hasText: caseRef }).waitFor();
    expect(await page.locator('[data-test=task-card][data-element=conduct-inspection]').filter({ hasText: caseRef }).count()).to.equal(0);
    await screenshot(page, 'screenshots/mobile-05-next-task');
  });
});
