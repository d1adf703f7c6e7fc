import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, screenshot } from '../support/browser.js';
import { useCasePlatform } from '../support/case-platform.js';
import { creditCodeCheckCharacter } from '../../legal/identity.js';

/**
 * The desktop console handles an ordinary penalty case (processes/README.md, penalty-ordinary): the agency head opens it,
 * the officer verifies the clue on the task page, the procedure runs through filing, investigation, review and the
 * advance notice, the party's written waiver is registered on the case file, the head decides, the decision is served,
 * and the case file shows the decision, its service record, the diagram and the time limits.
 */
const FACTS = '当事人于2026年9月18日起在新市北路88号店外人行道摆放桌椅12套经营，占用城市道路约40平方米，未经批准。';
const OFFICERS = ['sanyuan-officer', 'sanyuan-officer2'];
const PARTY_NAME = '三明市列东餐饮管理有限公司';
const CREDIT_CODE = ((first17: string) => first17 + creditCodeCheckCharacter(first17))('91350403MA8T0E01H');
const SHOTS = path.join(ARTIFACTS, 'screenshots');

function chinaNow(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

describe('browser: a penalty case handled in the desktop console from opening to the served decision', function () {
  this.timeout(180_000);
  const platform = useCasePlatform('case_desktop', { listen: true });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let caseRef = '';
  let caseUrl = '';

  before(async function () {
    this.timeout(60_000);
    await mkdir(SHOTS, { recursive: true });
    browser = await launchChromium();
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

  const signIn = async (username: string) => {
    await context.clearCookies();
    await page.goto(`${platform.baseUrl}/login`);
    await page.locator('[data-test=login-username]').fill(username);
    await page.locator('[data-test=login-password]').fill('Demo@2026');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };

  /** Completes a task through the API as `username` (the steps this spec does not drive through the form). */
  const completeByApi = async (username: string, elementId: string, variables: Record<string, unknown>) => {
    const row = await platform.taskRow(elementId, caseRef, 30_000);
    const agent = await platform.signIn(username);
    const response = await agent.post(`/api/tasks/${String(row.id)}/complete`).send({ variables });
    expect(response.status, `${elementId}: ${JSON.stringify(response.body)}`).to.equal(200);
  };

  const serveDirectlyByApi = async (recipient: string) => {
    await completeByApi('sanyuan-officer', 'choose-service-method', { method: 'direct', note: '当事人在经营场所' });
    await completeByApi('sanyuan-officer', 'serve-directly', { delivered: true, refused: false, recipient, receivedAt: chinaNow() });
  };


  it('lets the agency head open a penalty case with a checked credit code and two certified officers', async () => {
    // given
    await signIn('sanyuan-head');
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
    await page.locator('[data-test=field-parties-0-address] input').fill('福建省三明市三元区列东街道新市北路88号');
    await page.locator('[data-test=field-officerIds] .el-select__wrapper').click();
    for (const name of ['赵执法', '孙执法']) await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: name }).first().click();
    await page.keyboard.press('Escape');
    await page.locator('[data-test=field-clue-summary] textarea').fill('群众投诉新市北路88号店外占道经营');
    await page.locator('[data-test=form-submit]').click();

    // then
    await page.waitForURL(/\/cases\/\d+$/);
    caseUrl = page.url();
    caseRef = ((await page.locator('[data-test=case-ref]').textContent()) ?? '').trim().split(' ')[0]!;
    expect(caseRef).to.not.equal('');
    await page.locator('[data-test=case-party]').filter({ hasText: PARTY_NAME }).waitFor();
  });


  it('shows the officer the clue to verify in 待办, and takes the verification through the task page form', async () => {
    // given
    await platform.taskRow('verify-clue', caseRef, 30_000);
    await signIn('sanyuan-officer');
    await page.locator('[data-test=menu-tasks]').click();
    await page.waitForURL(/\/tasks/);
    const row = page.locator('.el-table__row').filter({ hasText: caseRef }).filter({ hasText: '核查线索' });
    await row.waitFor();
    await screenshot(page, 'screenshots/case-desktop-01-task-list');

    // when
    await row.locator('[data-test=task-row-open]').click();
    await page.locator('[data-test=task-page]').waitFor();
    await page.locator('[data-test=task-name]').filter({ hasText: '核查线索' }).waitFor();
    const form = page.locator('.task-form');
    await form.waitFor();
    await page.locator('[data-test=form-field-facts] textarea').fill(FACTS);
    const when = page.locator('[data-test=form-field-violationDate] input').first();
    await when.click();
    await when.fill('2026-09-18 10:00');
    await when.press('Enter');
    await page.keyboard.press('Escape');
    const recommend = page.locator('[data-test=form-field-recommendFiling] .el-checkbox');
    if (!(await recommend.getAttribute('class'))?.includes('is-checked')) await recommend.click();
    await page.locator('[data-test=form-field-opinion] textarea').fill('经核查，违法事实基本属实，建议立案');
    await screenshot(page, 'screenshots/case-desktop-02-task-form');
    await page.locator('[data-test=task-complete]').click();

    // then
    await page.waitForURL(/\/tasks(\?.*)?$/);
    await platform.taskRow('approve-filing', caseRef, 30_000);
  });


  it('runs filing, investigation, review and the advance notice, and registers the party’s written waiver on the case file', async () => {
    // given: the steps between, as their users complete them
    await completeByApi('sanyuan-head', 'approve-filing', { fileCase: true, officers: OFFICERS, filedAt: chinaNow(), reason: '符合立案条件' });
    await completeByApi('sanyuan-officer', 'investigate', { violationCode: 'UM-ROAD-OCCUPY', circumstance: 'general', facts: FACTS, evidence: '现场检查笔录\n询问笔录', records: '询问笔录2份', completedAt: chinaNow() });
    await completeByApi('sanyuan-officer', 'write-investigation-report', {
      facts: FACTS, evidence: '现场检查笔录\n询问笔录', basis: '《城市道路管理条例》第二十七条第（七）项',
      proposedPenalty: { outcome: 'penalty', kinds: ['fine'], fine: 8000, confiscationValue: null },
      majorPublicInterest: false, complexCase: false, majorViolation: false, listedInLocalCatalogue: false, submittedAt: chinaNow(),
    });
    await completeByApi('sanyuan-reviewer', 'review-case', { approved: true, opinion: '事实清楚，证据确凿', reviewedAt: chinaNow() });
    await serveDirectlyByApi('王某某（法定代表人）');

    // when the officer registers the written waiver (放弃陈述申辩) on the case file
    await page.goto(caseUrl);
    await page.locator('[data-test=case-page]').waitFor();
    await page.locator('#tab-events').click();
    await page.locator('[data-test=event-party-waiver]').click();
    await page.locator('[data-test=event-dialog] [data-test=field-document] input').fill('当事人书面放弃陈述申辩声明书');
    await page.locator('[data-test=event-submit]').click();

    // then the head gets the decision
    await page.locator('.el-message--success').first().waitFor();
    await platform.taskRow('decide-case', caseRef, 45_000);
  });


  it('shows on the case file the served decision with its 文号 and proof, the diagram at the current step and the time limits', async () => {
    // given
    await completeByApi('sanyuan-head', 'decide-case', {
      outcome: 'penalty', penalty: { kinds: ['fine'], fine: 8000, confiscationValue: null, performance: '通过闽政通电子缴款' },
      basis: '《城市道路管理条例》第四十二条第一款第（一）项', reasons: '对当事人处以罚款人民币8000元', decidedAt: chinaNow(),
    });
    await serveDirectlyByApi('王某某（法定代表人）');

    // when
    await page.goto(caseUrl);
    await page.locator('[data-test=case-page]').waitFor();

    // then the diagram marks where the case is
    await page.locator('[data-test=case-diagram] .djs-container').waitFor();
    await page.locator('[data-test=case-diagram] .case-active').first().waitFor();
    await page.locator('[data-test=case-diagram] .case-completed').first().waitFor();
    await screenshot(page, 'screenshots/case-desktop-03-case-file');

    // and the time limits with their basis and remaining working days
    const deadlineRows = page.locator('[data-test=deadlines-table] .el-table__row');
    await deadlineRows.first().waitFor();
    expect(await page.locator('[data-test=deadlines-table]').textContent()).to.match(/行政处罚法/);
    expect(await page.locator('[data-test=deadline-remaining]').count()).to.be.greaterThan(0);

    // and the penalty decision with its number, served directly
    await page.locator('#tab-documents').click();
    const decision = page.locator('[data-test=documents-table] .el-table__row').filter({ hasText: '处罚决定书' }).first();
    await decision.waitFor();
    expect(await decision.locator('[data-test=document-number]').textContent()).to.match(/罚决〔\d{4}〕\d+号/);
    await decision.locator('[data-test=document-served]').waitFor();
    await decision.locator('.el-table__expand-icon').click();
    await page.locator('[data-test=service-table]').first().waitFor();
    expect(await page.locator('[data-test=service-proof]').first().textContent()).to.not.equal('');

    // when
    await decision.locator('[data-test=document-preview]').click();

    // then
    const frame = page.locator('[data-test=document-preview-frame]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).to.match(/^\/api\/documents\/\d+\/content$/);
    const pdf = await page.request.get(`${platform.baseUrl}${await frame.getAttribute('src')}`);
    expect(pdf.status()).to.equal(200);
    expect(pdf.headers()['content-type']).to.match(/application\/pdf/);
    await page.waitForTimeout(1000);
    await screenshot(page, 'screenshots/case-desktop-04-document-preview');
  });
});
