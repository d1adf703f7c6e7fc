import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { ARTIFACTS, launchChromium, screenshot } from '../support/browser.js';
import { useCasePlatform } from '../support/case-platform.js';
import { waitUntil } from '../engine/support/engine-harness.js';
import { creditCodeCheckCharacter } from '../../legal/identity.js';

/**
 * The desktop console handles an ordinary penalty case (processes/README.md, penalty-ordinary) from opening to the
 * served decision, every step in Chromium by the user the BPMN's candidate groups name: the officer opens the case
 * with a colleague, verifies the clue; the head files it; the officer investigates and reports; the reviewer
 * approves the review; the officer serves the advance notice directly with a photo of the 送达回证, adds and checks
 * evidence and registers the party's written waiver; the head refuses a time-limit extension (不同意, with a reason)
 * and decides; the officer hands the decision's service to the colleague (转办), who serves it with proof. The case
 * file then shows the decision (its PDF in the preview frame), the service record with its photo, the diagram at the
 * current step and the time limits.
 */
const FACTS = '当事人于2026年9月18日起在新市北路88号店外人行道摆放桌椅12套经营，占用城市道路约40平方米，未经批准。';
const EVIDENCE = '现场检查笔录\n询问笔录\n现场照片6张';
const PARTY_NAME = '三明市列东餐饮管理有限公司';
const CREDIT_CODE = ((first17: string) => first17 + creditCodeCheckCharacter(first17))('91350403MA8T0E01H');
const OFFICER = '赵执法';
const OFFICER2 = '孙执法';
const STEP = 60_000;

/** China wall-clock time as the pickers take it: `YYYY-MM-DD HH:mm`. */
function chinaNow(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

describe('browser: a penalty case handled in the desktop console from opening to the served decision', function () {
  this.timeout(240_000);
  const platform = useCasePlatform('case_desktop', { listen: true });
  const db = () => platform.h.database.db;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let caseRef = '';
  let caseUrl = '';
  let photo: Buffer;

  before(async function () {
    this.timeout(60_000);
    await mkdir(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
    browser = await launchChromium();
    // no timezoneId: the pickers read and write China time whatever the browser's zone (here the machine's, UTC)
    context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(page, `screenshots/case-desktop-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
  });

  // ---- the console ----

  const signIn = async (username: string) => {
    await context.clearCookies();
    await page.goto(`${platform.baseUrl}/login`);
    await page.locator('[data-test=login-username]').fill(username);
    await page.locator('[data-test=login-password]').fill('Demo@2026');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };

  /** Waits until the task reaches app.tasks, then opens it from 待办 as the signed-in user. */
  const openTask = async (elementId: string, name: string) => {
    await platform.taskRow(elementId, caseRef, STEP);
    await page.goto(`${platform.baseUrl}/tasks`);
    const row = page.locator('.el-table__row').filter({ hasText: caseRef }).filter({ hasText: name }).first();
    await row.waitFor({ timeout: STEP });
    await row.locator('[data-test=task-row-open]').click();
    await page.locator('[data-test=task-name]').filter({ hasText: name }).waitFor();
    await page.locator('.task-form').waitFor();
  };

  /** 提交 and back to 待办; the task is done in app.tasks. */
  const submitTask = async (elementId: string, button = 'task-complete') => {
    await page.locator(`[data-test=${button}]`).click();
    await page.waitForURL(/\/tasks(\?.*)?$/, { timeout: STEP });
    await waitUntil(async () => (await db()('app.tasks').where({ element_id: elementId, case_ref: caseRef, state: 'created' }).first()) === undefined || undefined, STEP, `${elementId} completed`);
  };

  const openCaseFile = async (tab?: string) => {
    await page.goto(caseUrl);
    await page.locator('[data-test=case-page]').waitFor();
    if (tab) await page.locator(`#tab-${tab}`).click();
  };

  // ---- TaskForm fields (web/README.md, "Filling a TaskForm in a browser test") ----

  const field = (key: string): Locator => page.locator(`[data-test=form-field-${key}]`);
  const text = (key: string, value: string) => field(key).locator('input').first().fill(value);
  const area = (key: string, value: string) => field(key).locator('textarea').fill(value);
  const number = async (key: string, value: number) => {
    const input = field(key).locator('input').first();
    await input.fill(String(value));
    await input.press('Tab');
  };
  const check = async (key: string, on = true) => {
    const box = field(key).locator('.el-checkbox').first();
    if (((await box.getAttribute('class')) ?? '').includes('is-checked') !== on) await box.click();
  };
  const option = (key: string, label: string | RegExp) => field(key).locator('.el-radio, .el-checkbox').filter({ hasText: label }).first().click();
  const when = async (key: string, value = chinaNow()) => {
    const input = field(key).locator('input').first();
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    await page.keyboard.press('Escape');
    expect(await input.inputValue(), key).to.equal(value);
  };


  it('lets the officer open a penalty case with a checked credit code, choosing a certified colleague as second officer', async () => {
    // given
    await signIn('sanyuan-officer');
    photo = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
    await page.locator('[data-test=menu-cases]').click();
    await page.waitForURL(/\/cases$/);

    // when
    await page.locator('[data-test=create-button]').click();
    await page.waitForURL(/\/cases\/new$/);
    await page.locator('[data-test=procedure-penalty-ordinary]').click();
    await page.locator('[data-test=field-title] input').fill('占道经营');
    await page.locator('[data-test=field-facts] textarea').fill(FACTS);
    await page.locator('[data-test=field-parties-0-name] input').fill(PARTY_NAME);
    await page.locator('[data-test=field-parties-0-idNumber] input').fill('91350403MA8TEST010');
    await page.locator('[data-test=field-parties-0-address] input').click();

    // then a wrong check character is refused on the spot (GB 32100)
    await page.locator('[data-test=field-parties-0-idNumber] .el-form-item__error').waitFor();

    // when
    await page.locator('[data-test=field-parties-0-idNumber] input').fill(CREDIT_CODE);
    await page.locator('[data-test=field-parties-0-legalRepresentative] input').fill('王某某');
    await page.locator('[data-test=field-parties-0-address] input').fill('福建省三明市三元区列东街道新市北路88号');
    // the officer is on the case already; GET /cases/officer-options offers the colleagues
    await page.locator('[data-test=field-officerIds] .el-select__wrapper').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: OFFICER2 }).first().click();
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-test=officers-restricted]').count()).to.equal(0);
    const chosen = await page.locator('[data-test=field-officerIds] .el-tag').allTextContents();
    expect(chosen.join(' ')).to.contain(OFFICER).and.to.contain(OFFICER2);
    await page.locator('[data-test=field-clue-summary] textarea').fill('群众投诉新市北路88号店外占道经营');
    await page.locator('[data-test=form-submit]').click();

    // then
    await page.waitForURL(/\/cases\/\d+$/, { timeout: STEP });
    caseUrl = page.url();
    caseRef = ((await page.locator('[data-test=case-ref]').textContent()) ?? '').trim().split(' ')[0]!;
    expect(caseRef).to.match(/^CF\d{4}-\d{3}-\d{4}$/);
    await page.locator('[data-test=case-party]').filter({ hasText: PARTY_NAME }).waitFor();
    expect((await page.locator('[data-test=case-officer]').allTextContents()).join(' ')).to.contain(OFFICER2);
  });


  it('takes the clue verification through the task page (officer) and the filing approval (head)', async () => {
    // given
    await openTask('verify-clue', '核查线索');
    await screenshot(page, 'screenshots/case-desktop-01-verify-clue');

    // when the officer verifies the clue
    await area('facts', FACTS);
    await when('violationDate', '2026-09-18');
    await check('recommendFiling');
    await area('opinion', '经核查，违法事实基本属实，建议立案');
    await submitTask('verify-clue');

    // and the head files the case with both officers
    await signIn('sanyuan-head');
    await openTask('approve-filing', '立案审批');
    await check('fileCase');
    await field('officers').locator('.el-tag').filter({ hasText: OFFICER2 }).waitFor();
    await when('filedAt');
    await submitTask('approve-filing');

    // then the investigation is the officers' next step
    await platform.taskRow('investigate', caseRef, STEP);
  });


  it('runs the investigation and its report (officer), asks for more time on the case file, and the reviewer approves the review', async () => {
    // given
    await signIn('sanyuan-officer');

    // when the officer investigates
    await openTask('investigate', '调查取证');
    await text('violationCode', 'UM-ROAD-OCCUPY');
    await option('circumstance', '一般');
    await area('facts', FACTS);
    await area('evidence', EVIDENCE);
    await area('records', '询问笔录2份');
    await when('completedAt');
    await submitTask('investigate');

    // and reports, proposing a fine of 8,000 yuan
    await openTask('write-investigation-report', '调查终结报告');
    await area('facts', FACTS);
    await area('evidence', EVIDENCE);
    await area('basis', '《城市道路管理条例》第二十七条第（七）项、第四十二条第一款第（一）项');
    await option('proposedPenalty-outcome', '给予行政处罚');
    await option('proposedPenalty-kinds', /^罚款$/);
    await number('proposedPenalty-fine', 8000);
    await when('submittedAt');
    await submitTask('write-investigation-report');

    // and registers a request to extend the time limit (登记事项)
    await openCaseFile('events');
    await page.locator('[data-test=event-extension-request]').click();
    await page.locator('[data-test=event-dialog] [data-test=field-reason] textarea').fill('需补充调取监控录像');
    await page.locator('[data-test=event-submit]').click();
    await page.locator('.el-message--success').first().waitFor();

    // and the reviewer approves the case review
    await signIn('sanyuan-reviewer');
    await openTask('review-case', '案件审核');
    await check('approved');
    await area('opinion', '事实清楚，证据确凿，适用法律正确');
    await when('reviewedAt');
    await submitTask('review-case');

    // then the advance notice goes to service
    await platform.taskRow('choose-service-method', caseRef, STEP);
  });


  it('serves the advance notice directly with a photo of the 送达回证, checks the evidence and registers the written waiver', async () => {
    // given
    await signIn('sanyuan-officer');

    // when the officer serves the advance notice in person
    await openTask('choose-service-method', '选择送达方式');
    await option('method', '直接送达');
    await area('note', '当事人在经营场所');
    await submitTask('choose-service-method');
    await openTask('serve-directly', '直接送达');
    await check('delivered');
    await text('recipient', '王某某（法定代表人）');
    await when('receivedAt');
    await field('receiptPhotos').locator('input[type=file]').setInputFiles({ name: '事先告知书送达回证.png', mimeType: 'image/png', buffer: photo });
    await field('receiptPhotos').locator('.is-success').first().waitFor({ timeout: STEP });
    await submitTask('serve-directly');

    // and adds a photo to the evidence, and checks the integrity of everything on file
    await openCaseFile('evidence');
    await page.locator('[data-test=evidence-upload]').click();
    await page.locator('[data-test=evidence-file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: photo });
    await page.locator('[data-test=evidence-dialog] [data-test=field-title] input').fill('现场照片：店外桌椅');
    await page.locator('[data-test=evidence-submit]').click();
    const rows = page.locator('[data-test=evidence-table] .el-table__row');
    await rows.filter({ hasText: '现场照片：店外桌椅' }).waitFor();
    await rows.filter({ hasText: '送达回证' }).first().waitFor();
    await page.locator('[data-test=evidence-verify]').click();
    await page.locator('[data-test=evidence-verify-result]').waitFor();

    // then every item is intact
    expect(await page.locator('[data-test=evidence-ok]').count()).to.equal(await rows.count());
    expect(await page.locator('[data-test=evidence-mismatch]').count()).to.equal(0);
    await screenshot(page, 'screenshots/case-desktop-02-evidence');

    // when the party's written waiver of statement and defence is registered (登记事项)
    await page.locator('#tab-events').click();
    await page.locator('[data-test=event-party-waiver]').click();
    await page.locator('[data-test=event-dialog] [data-test=field-document] input').fill('当事人书面放弃陈述申辩声明书');
    await page.locator('[data-test=event-submit]').click();
    await page.locator('.el-message--success').first().waitFor();

    // then the head is to decide, without legal review (the DMN does not require it for this case)
    await platform.taskRow('decide-case', caseRef, STEP);
    expect(await db()('app.tasks').where({ element_id: 'legal-review', case_ref: caseRef }).first()).to.equal(undefined);
  });


  it('lets the head refuse the extension only with a reason (不同意), and decide a fine of 8,000 yuan', async () => {
    // given
    await signIn('sanyuan-head');
    await openTask('approve-case-extension', '审批延长办案期限');

    // when 不同意 is confirmed without a reason
    await page.locator('[data-test=task-reject]').click();
    const dialog = page.locator('[data-test=task-dialog-reject]');
    await dialog.locator('[data-test=task-dialog-confirm]').click();

    // then the reason is asked for
    await dialog.locator('[data-test=field-reason] .el-form-item__error').waitFor();

    // when it is given
    await dialog.locator('[data-test=field-reason] textarea').fill('办案期限尚余较多，暂不延长');
    await dialog.locator('[data-test=task-dialog-confirm]').click();
    await page.waitForURL(/\/tasks(\?.*)?$/, { timeout: STEP });

    // then the refusal and its reason are on record
    const refused = await db()('app.tasks').where({ element_id: 'approve-case-extension', case_ref: caseRef }).first();
    expect(refused.outcome).to.equal('rejected');
    expect((await db()('app.task_comments').where({ task_id: refused.id, kind: 'rejection' }).first()).body).to.equal('办案期限尚余较多，暂不延长');

    // when the head decides
    await openTask('decide-case', '作出处理决定');
    await option('outcome', '给予行政处罚');
    await option('penalty-kinds', /^罚款$/);
    await number('penalty-fine', 8000);
    await area('penalty-performance', '自收到本决定书之日起十五日内通过闽政通电子缴款');
    await area('basis', '《城市道路管理条例》第四十二条第一款第（一）项');
    await area('reasons', '当事人擅自占用城市道路经营，对其处以罚款人民币8000元');
    await when('decidedAt');
    await submitTask('decide-case');

    // then the decision goes to service
    await platform.taskRow('choose-service-method', caseRef, STEP);
  });


  it('lets the officer hand the decision’s service to the colleague (转办), who serves it with proof', async () => {
    // given
    await signIn('sanyuan-officer');
    await openTask('choose-service-method', '选择送达方式');

    // when the officer takes the task and delegates it
    await page.locator('[data-test=task-claim]').click();
    await page.locator('[data-test=task-delegate]').click();
    const dialog = page.locator('[data-test=task-dialog-delegate]');
    await dialog.locator('[data-test=field-userId] .el-select__wrapper').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: OFFICER2 }).first().click();
    await dialog.locator('[data-test=field-comment] textarea').fill('请孙执法送达处罚决定书');
    await dialog.locator('[data-test=task-dialog-confirm]').click();

    // then the colleague holds it
    await page.locator('[data-test=task-assignee]').filter({ hasText: OFFICER2 }).waitFor();

    // when the colleague opens it from 待办 (shown once in English)
    await signIn('sanyuan-officer2');
    await openTask('choose-service-method', '选择送达方式');
    await page.locator('[data-test=task-assignee]').filter({ hasText: OFFICER2 }).waitFor();
    await page.locator('[data-test=locale-switch]').click();
    await page.locator('[data-test=task-complete]').filter({ hasText: /Submit|Complete/i }).waitFor();
    await field('method').locator('.el-radio').filter({ hasText: /[A-Za-z]/ }).first().waitFor();
    await screenshot(page, 'screenshots/case-desktop-03-task-page-en');
    await page.locator('[data-test=locale-switch]').click();
    await page.locator('[data-test=task-complete]').filter({ hasText: /提交|完成/ }).waitFor();

    // and serves the decision directly with a photo of the 送达回证
    await option('method', '直接送达');
    await submitTask('choose-service-method');
    await openTask('serve-directly', '直接送达');
    await check('delivered');
    await text('recipient', '王某某（法定代表人）');
    await when('receivedAt');
    await field('receiptPhotos').locator('input[type=file]').setInputFiles({ name: '处罚决定书送达回证.png', mimeType: 'image/png', buffer: photo });
    await field('receiptPhotos').locator('.is-success').first().waitFor({ timeout: STEP });
    await submitTask('serve-directly');

    // then the decision is served
    await waitUntil(async () => (await db()('app.service_records as s').join('app.documents as d', 'd.id', 's.document_id').where('s.case_ref', caseRef).where('d.kind', 'penalty-decision').first()) ?? undefined, STEP, 'the decision’s service record');
  });


  it('shows on the case file the decision in the preview, its service with the proof photo, the diagram at the current step and the time limits', async () => {
    // given the procedure has moved on from the service to the wait for the fine (its jobs run after the service)
    await waitUntil(
      async () => {
        const r = await db().raw(
          `select 1 from engine.records r join app.cases c on c.process_instance_key = r.process_instance_key
            where c.case_ref = ? and r.value_type = 'PROCESS_INSTANCE' and r.intent = 'ELEMENT_ACTIVATED' and r.payload->>'elementId' = 'await-payment' limit 1`,
          [caseRef],
        );
        return r.rows.length > 0 || undefined;
      },
      STEP,
      'the wait for the fine',
    );
    await openCaseFile();

    // then the diagram marks where the case is: waiting for the fine, after the decision and its service
    const diagram = page.locator('[data-test=case-diagram]');
    await diagram.locator('.djs-container').waitFor();
    await diagram.locator('[data-element-id="await-payment"].case-active').waitFor();
    const active = await diagram.locator('.case-active').evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id')));
    expect(active).to.have.members(['fine-payment', 'await-payment']);
    // with no task open the case is where it waits: for the fine
    expect(await page.locator('[data-test=case-current-step]').textContent()).to.equal('等待缴款');
    for (const done of ['verify-clue', 'approve-filing', 'case-handling', 'serve-decision']) await diagram.locator(`[data-element-id="${done}"].case-completed`).waitFor();
    await screenshot(page, 'screenshots/case-desktop-04-case-file');

    // and the time limits with their basis and the working days left
    await page.locator('#tab-deadlines').click();
    await page.locator('[data-test=deadlines-table] .el-table__row').first().waitFor();
    expect(await page.locator('[data-test=deadlines-table]').textContent()).to.match(/行政处罚法/);
    const remaining = await page.locator('[data-test=deadline-remaining]').allTextContents();
    expect(remaining.length).to.be.greaterThan(0);
    expect(remaining.join(' ')).to.match(/\d/);

    // and the penalty decision with its number, served directly, with the photo of the 送达回证
    await page.locator('#tab-documents').click();
    const decision = page.locator('[data-test=documents-table] .el-table__row').filter({ hasText: '处罚决定书' }).filter({ hasText: /罚决〔\d{4}〕\d+号/ }).first();
    await decision.waitFor();
    expect(await decision.locator('[data-test=document-number]').textContent()).to.match(/罚决〔\d{4}〕\d+号/);
    await decision.locator('[data-test=document-served]').waitFor();
    await decision.locator('.el-table__expand-icon').click();
    const service = page.locator('[data-test=service-table]').first();
    await service.waitFor();
    expect(await service.textContent()).to.contain('王某某（法定代表人）');
    const proof = service.locator('[data-test=service-proof-photo] img').first();
    await proof.waitFor();
    await waitUntil(async () => (await proof.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)) || undefined, 20_000, 'the proof photo');

    // when
    const pdf = page.waitForResponse((r: Response) => /\/api\/documents\/\d+\/content$/.test(new URL(r.url()).pathname), { timeout: STEP });
    await decision.locator('[data-test=document-preview]').click();

    // then the frame loads the PDF itself (served inline, framable by the console's own origin)
    const response = await pdf;
    expect(response.status()).to.equal(200);
    expect(response.headers()['content-type']).to.match(/^application\/pdf/);
    expect(response.headers()['x-frame-options']).to.equal('SAMEORIGIN');
    expect(response.frame().parentFrame()).to.not.equal(null);
    const frameElement = page.locator('[data-test=document-preview-frame]');
    await frameElement.waitFor();
    const frame = await waitUntil(async () => (await frameElement.elementHandle())?.contentFrame() ?? undefined, 20_000, 'the preview frame');
    await waitUntil(async () => (/\/api\/documents\/\d+\/content$/.test(frame.url()) ? true : undefined), 20_000, 'the frame at the PDF');
    expect(frame.url()).to.not.match(/^chrome-error:/);
    // Chromium's PDF viewer (its extension's frame) shows the document inside the preview frame
    const viewer = await waitUntil(async () => frame.childFrames().find((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/')), 20_000, 'Chromium’s PDF viewer in the preview frame');
    await viewer.locator('pdf-viewer').waitFor({ state: 'attached' });
    // its toolbar names the document it has parsed: the PDF's own title
    await viewer.locator('#title').filter({ hasText: /行政处罚决定书.*罚决〔\d{4}〕\d+号/ }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'screenshots/case-desktop-05-document-preview');
  });
});
