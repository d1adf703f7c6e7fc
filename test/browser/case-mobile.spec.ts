import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import { creditCodeCheckCharacter } from '../../legal/identity.js';
import { ARTIFACTS, launchChromium, screenshot } from '../support/browser.js';
import { waitUntil } from '../engine/support/engine-harness.js';
import { useCasePlatform } from '../support/case-platform.js';

/**
 * The phone console (/m/): an officer records an on-site inspection with checklist, camera photos, location and the
 * party's signature while offline, reloads the app offline; another officer signing in on the phone sends nothing of it,
 * and the record syncs once the officer is signed in again and online, through lost answers, with every photo and the signature stored once and the task completed once. Then the next task (the
 * inspection's conclusion) is done on the phone with the generic form, which needs a connection, and signing out makes
 * the service worker forget the officer's cached answers, so an offline start shows the login page.
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

  const creditCode = (serial = '01') => {
    const first17 = `91350404MA31C00${serial}`;
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

  /** 退出 with records still on the phone: the confirmation says how many, and is accepted. */
  async function signOutWithPending(count: number): Promise<void> {
    await page.locator('[data-test=mobile-logout]').click();
    const confirmation = page.locator('.el-message-box');
    await confirmation.waitFor();
    expect(await confirmation.innerText()).to.contain(`本机还有 ${count} 条记录待同步`);
    await confirmation.locator('.el-button--primary').click();
    await page.waitForURL(/\/login/);
  }

  async function signInOnPhone(username: string): Promise<void> {
    await page.locator('[data-test=login-username]').fill(username);
    await page.locator('[data-test=login-password]').fill('Demo@2026');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/m\/tasks$/);
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

    // then: the pad shows the signature kept on the phone (previewSrc, a blob: URL), not one from the server
    const signature = page.locator('[data-test=signature] [data-test=signature-image]');
    await signature.waitFor();
    expect(await signature.getAttribute('data-pending')).to.equal('true');
    expect(await signature.getAttribute('src')).to.match(/^blob:/);
    expect(await signature.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the PNG is shown').to.equal(true);
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


  it('sends nothing of the record while another officer is signed in on the phone, and shows whom it waits for', async function () {
    this.timeout(60_000);
    // given: the officer signs out still offline, told the record is waiting
    await signOutWithPending(1);
    const sent: string[] = [];
    const recordSending = (request: Request) => {
      if (request.method() === 'POST' && /^\/api\/(cases\/[^/]+\/evidence|tasks\/[^/]+\/complete)$/.test(new URL(request.url()).pathname)) sent.push(request.url());
    };
    page.on('request', recordSending);

    try {
      // when the phone is online again and another officer of the case signs in on it
      await context.setOffline(false);
      await signInOnPhone('sanyuan-officer2');
      await page.locator('[data-test=tab-sync]').click();

      // then: the record is shown as the officer's, waiting for them, with nothing to tap
      const item = page.locator('[data-test=sync-item]');
      await item.waitFor();
      expect(await item.getAttribute('data-owner')).to.equal('other');
      expect(await item.locator('[data-test=sync-item-owner]').innerText()).to.equal('等待 赵执法（三元区城管局） 登录后同步');
      expect(await item.locator('[data-test=sync-item-state]').innerText()).to.equal('他人记录');
      expect(await page.locator('[data-test=sync-waiting]').innerText()).to.contain('1 条属于其他人员');
      expect(await page.locator('[data-test=sync-now]').isDisabled()).to.equal(true);
      expect(await item.locator('[data-test=sync-item-retry], [data-test=sync-item-discard]').count()).to.equal(0);
      // and the pass started by the sign-in sent nothing (given a moment for a stray request to show)
      await page.locator('[data-test=sync-now].is-loading').waitFor({ state: 'detached' });
      await page.waitForTimeout(1_000);
      await screenshot(page, 'screenshots/mobile-03c-other-officer');
      expect(sent).to.deep.equal([]);
      expect(await evidenceRows()).to.have.length(0);
      expect((await p.h.database.db('app.tasks').where({ id: taskId }).first()).state).to.equal('created');
    } finally {
      page.off('request', recordSending);
    }
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

    // when the other officer signs out (told the record is still waiting) and the officer signs in again: the pass the
    // sign-in starts stops at the lost upload
    await signOutWithPending(1);
    await signInOnPhone('sanyuan-officer');
    await page.locator('[data-test=tab-sync]').click();
    const item = page.locator('[data-test=sync-item][data-owner=own]');
    await item.waitFor();
    await waitUntil(async () => lost.evidence === 1, 20_000, 'the sign-in to send the first photo');
    await page.locator('[data-test=sync-now].is-loading').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-test=sync-item]')?.getAttribute('data-state') === 'retrying');
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


  it('completes the next task, the inspection’s conclusion, on the phone with its generic form, online only', async function () {
    this.timeout(90_000);
    // given
    const nextId = String((await p.taskRow('conclude-inspection', caseRef)).id);
    await page.locator('[data-test=task-card][data-element=conclude-inspection]').filter({ hasText: caseRef }).click();
    await page.waitForURL(new RegExp(`/m/tasks/${nextId}$`));
    const form = page.locator('[data-test=task-form-inspection-result]');
    await form.waitFor();

    // when the phone goes offline
    await context.setOffline(true);

    // then: this kind of task is not kept on the phone; it says so and sends nothing
    await page.locator('[data-test=task-needs-connection]').filter({ hasText: '需要联网' }).waitFor();
    expect(await page.locator('[data-test=task-complete]').isDisabled()).to.equal(true);
    await screenshot(page, 'screenshots/mobile-06-needs-connection');

    // when back online, filled in and submitted
    await context.setOffline(false);
    await page.locator('[data-test=task-needs-connection]').waitFor({ state: 'detached' });
    await form.locator('[data-test=form-field-compliant] .el-checkbox').click();
    await form.locator('[data-test=form-field-findings] textarea').fill('未发现违法行为；店招破损已当场告知修复');
    const china = new Date(p.clock.now().getTime() + 8 * 3_600_000).toISOString();
    const concludedAt = `${china.slice(0, 10)} ${china.slice(11, 16)}`;
    await form.locator('[data-test=form-field-concludedAt] input').click();
    await form.locator('[data-test=form-field-concludedAt] input').fill(concludedAt);
    await form.locator('[data-test=form-field-concludedAt] input').press('Enter');
    // a compliant result hides the follow-up fields
    expect(await form.locator('[data-test=form-field-rectification]').count()).to.equal(0);
    const button = page.locator('[data-test=task-complete]');
    expect((await button.boundingBox())!.width, 'a full-width button').to.be.at.least(300);
    await screenshot(page, 'screenshots/mobile-07-conclusion');
    await button.click();

    // then: back to the 待办, the task completed once with the form's data
    await page.waitForURL(/\/m\/tasks$/);
    const task = await p.h.database.db('app.tasks').where({ id: nextId }).first();
    expect(task.state).to.equal('completed');
    expect(task.submission_id).to.be.a('string');
    expect(task.submitted).to.deep.include({ compliant: true, findings: '未发现违法行为；店招破损已当场告知修复' });
    expect(task.submitted).to.not.have.property('rectification');
    // and the process moved on: the result notice is generated and its service is the officer's next step
    const served = await p.taskRow('choose-service-method', caseRef, 45_000);
    expect(served.state).to.equal('created');
    expect(await p.h.database.db('app.tasks').where({ case_ref: caseRef, element_id: 'conclude-inspection' })).to.have.length(1);
    await page.locator('[data-test=tasks-refresh]').click();
    await page.locator('[data-test=task-card][data-element=choose-service-method]').filter({ hasText: caseRef }).waitFor();
    expect(await page.locator('[data-test=task-card][data-element=conclude-inspection]').filter({ hasText: caseRef }).count()).to.equal(0);
  });


  it('forgets the officer’s cached answers on signing out: offline, /m/tasks then shows the login page', async function () {
    this.timeout(60_000);
    const cachedApi = () =>
      page.evaluate(async () => {
        const cache = await caches.open('mobile-shell-v1');
        return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((path) => path.startsWith('/api/'));
      });
    // given: the worker holds the officer's session and 待办 answers
    await page.locator('[data-test=task-card]').first().waitFor();
    expect(await cachedApi()).to.include.members(['/api/auth/me', '/api/tasks']);

    // when
    await page.locator('[data-test=mobile-logout]').click();

    // then
    await page.waitForURL(/\/login/);
    // (the worker forgets them beside the POST, so poll briefly)
    let left = await cachedApi();
    for (let i = 0; i < 50 && left.length > 0; i += 1) {
      await page.waitForTimeout(100);
      left = await cachedApi();
    }
    expect(left, 'no cached API answer left').to.deep.equal([]);

    // when the phone is offline and the app is opened again
    await context.setOffline(true);
    await page.goto(`${p.baseUrl}/m/tasks`);

    // then: the shell comes from the worker, but no one is signed in: the login page, not the last officer's 待办
    await page.waitForURL(/\/login\?redirect=/);
    await page.locator('[data-test=login-username]').waitFor();
    expect(await page.locator('[data-test=task-card]').count()).to.equal(0);
    await screenshot(page, 'screenshots/mobile-08-signed-out-offline');
    await context.setOffline(false);
  });


  /**
   * A further inspection of the body, planned, waiting for the head's approval (each of another shop: the yearly cap of
   * inspections per enterprise would otherwise ask for an exemption first).
   */
  async function inspectionAtApproval(title: string, serial: string): Promise<{ caseRef: string; approvalId: string; processInstanceKey: string }> {
    const officer = await p.signIn('sanyuan-officer');
    const opened = await officer.post('/api/cases').send({
      kind: 'inspection',
      procedure: 'inspection',
      bodyId: await p.bodyId('三元区城市管理'),
      title,
      itemIds: [],
      parties: [{ type: 'organisation', name: `三明市三元区某某商行${serial}号店`, idType: 'credit-code', idNumber: creditCode(serial), address: `三明市三元区列东街${serial}号` }],
      officerIds: [await p.userId('sanyuan-officer'), await p.userId('sanyuan-officer2')],
      variables: { inspection: { type: 'routine', items: '店招店牌设置', source: '群众举报', randomDraw: false, legalBasis: '《福建省城市市容和环境卫生管理办法》第十条' } },
    });
    if (opened.status !== 201) throw new Error(`Expected to open '${title}', but got ${opened.status}: ${JSON.stringify(opened.body)}`);
    const ref: string = opened.body.caseRef;
    const plan = await p.taskRow('plan-inspection', ref);
    const planned = await officer.post(`/api/tasks/${String(plan.id)}/complete`).send({
      variables: { type: 'routine', items: '店招店牌设置', method: 'on-site', officers: ['sanyuan-officer', 'sanyuan-officer2'], plannedAt: new Date(p.clock.now().getTime() + 86_400_000).toISOString() },
    });
    if (planned.status !== 200) throw new Error(`Expected to plan '${title}', but got ${planned.status}: ${JSON.stringify(planned.body)}`);
    const approvalId = String((await p.taskRow('approve-inspection', ref, 30_000)).id);
    return { caseRef: ref, approvalId, processInstanceKey: String(opened.body.processInstanceKey) };
  }


  it('lets the head decide approvals on the phone: 同意 moves the procedure on, 不同意 only with a reason ends it', async function () {
    this.timeout(120_000);
    // given: two inspections of the body waiting for the head's approval
    const approved = await inspectionAtApproval('店招店牌设置情况检查（一）', '11');
    const refused = await inspectionAtApproval('店招店牌设置情况检查（二）', '12');
    const secondRef = refused.caseRef;
    const approvalId = refused.approvalId;

    // when the head signs in on the phone and approves the first: 同意 with the time, the 同意 box left as it is
    await page.goto(`${p.baseUrl}/m/tasks`);
    await page.waitForURL(/\/login\?redirect=/);
    await page.locator('[data-test=login-username]').fill('sanyuan-head');
    await page.locator('[data-test=login-password]').fill('Demo@2026');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/m\/tasks$/);
    await page.locator('[data-test=task-card][data-element=approve-inspection]').filter({ hasText: approved.caseRef }).click();
    await page.waitForURL(new RegExp(`/m/tasks/${approved.approvalId}$`));
    const approveForm = page.locator('[data-test=task-form-approve]');
    await approveForm.waitFor();
    const china = new Date(p.clock.now().getTime() + 8 * 3_600_000).toISOString();
    await approveForm.locator('[data-test=form-field-decidedAt] input').click();
    await approveForm.locator('[data-test=form-field-decidedAt] input').fill(`${china.slice(0, 10)} ${china.slice(11, 16)}`);
    await approveForm.locator('[data-test=form-field-decidedAt] input').press('Enter');
    await approveForm.locator('[data-test=form-field-opinion] textarea').fill('同意检查');
    await page.locator('[data-test=task-approve]').click();

    // then: approved, and the inspection notice goes to service
    await page.waitForURL(/\/m\/tasks$/);
    const yes = await p.h.database.db('app.tasks').where({ id: approved.approvalId }).first();
    expect(yes.state).to.equal('completed');
    expect(yes.outcome).to.equal('approved');
    expect(yes.submitted).to.deep.include({ approved: true, opinion: '同意检查' });
    expect(yes.submitted).to.not.have.property('rejectionReason');
    await p.taskRow('choose-service-method', approved.caseRef, 45_000);

    // when the head opens the second
    await page.locator('[data-test=task-card][data-element=approve-inspection]').filter({ hasText: secondRef }).click();
    await page.waitForURL(new RegExp(`/m/tasks/${approvalId}$`));
    await page.locator('[data-test=task-form-approve]').waitFor();

    // then: 同意 and 不同意, no 提交
    expect(await page.locator('[data-test=task-approve]').isVisible()).to.equal(true);
    expect(await page.locator('[data-test=task-complete]').count()).to.equal(0);

    // when 不同意 is confirmed without a reason
    await page.locator('[data-test=task-reject]').click();
    await page.locator('[data-test=task-reject-confirm]').click();

    // then the reason is asked for, and nothing is sent
    await page.locator('[data-test=task-reject-reason-error]').filter({ hasText: '请填写理由' }).waitFor();
    expect((await p.h.database.db('app.tasks').where({ id: approvalId }).first()).state).to.equal('created');
    await screenshot(page, 'screenshots/mobile-09-reject-reason');

    // when it is given
    await page.locator('textarea[data-test=task-reject-reason]').fill('检查事项与年度计划重复，暂不批准');
    await page.locator('[data-test=task-reject-confirm]').click();

    // then the refusal and its reason are on record, and the procedure ends at 不予批准
    await page.waitForURL(/\/m\/tasks$/);
    const task = await p.h.database.db('app.tasks').where({ id: approvalId }).first();
    expect(task.state).to.equal('completed');
    expect(task.outcome).to.equal('rejected');
    expect(task.submission_id).to.be.a('string');
    expect(task.submitted).to.deep.include({ approved: false, rejectionReason: '检查事项与年度计划重复，暂不批准' });
    expect((await p.h.database.db('app.task_comments').where({ task_id: approvalId, kind: 'rejection' }).first()).body).to.equal('检查事项与年度计划重复，暂不批准');
    const processInstanceKey = refused.processInstanceKey;
    await waitUntil(
      async () => (await p.h.database.db.raw("select 1 from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' and payload->>'elementId' = 'inspection-not-approved'", [processInstanceKey])).rows.length > 0,
      30_000,
      'the inspection to end not approved',
    );
  });
});
