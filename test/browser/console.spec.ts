import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser.js';
import { startTestPlatform, type TestPlatform } from '../support/platform-server.js';

describe('browser: an administrator sets up a township and its officer, who sees only what the role allows', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let failed = false;

  before(async function () {
    this.timeout(120_000);
    platform = await startTestPlatform('browser_console');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    page.setDefaultTimeout(15_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await browser?.close();
    await platform?.stop(failed);
  });

  const signIn = async (username: string, password: string) => {
    await page.locator('[data-test=login-username]').fill(username);
    await page.locator('[data-test=login-password]').fill(password);
    await page.locator('[data-test=login-submit]').click();
  };

  const pickOption = async (field: string, label: string) => {
    await page.locator(`[data-test=field-${field}] .el-select__wrapper`).click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item, .el-select-dropdown:visible .el-tree-node__label').filter({ hasText: label }).first().click();
  };


  it('sends a visitor to the login page in Chinese, and back to the page asked for after signing in', async () => {
    // when
    await page.goto(`${platform.baseUrl}/admin/users`);

    // then
    await page.waitForURL(/\/login\?redirect=/);
    await expect(await page.locator('html').getAttribute('lang')).to.equal('zh-CN');
    await page.getByText('登录').first().waitFor();
    await screenshot(page, '01-login');

    // when
    await signIn('city-admin', 'wrong-password');

    // then
    await page.locator('[data-test=login-error]').filter({ hasText: '用户名或密码错误' }).waitFor();

    // when
    await signIn('city-admin', 'Demo@2026');

    // then
    await page.waitForURL(/\/admin\/users$/);
    await page.locator('.el-table__row').filter({ hasText: 'liedong-officer' }).waitFor();
    for (const item of ['home', 'organisations', 'bodies', 'users', 'certificates', 'enforcement-items', 'calendar']) {
      expect(await page.locator(`[data-test=menu-${item}]`).isVisible(), item).to.equal(true);
    }
  });


  it('creates a township under 三元区', async () => {
    // given
    await page.locator('[data-test=menu-organisations]').click();
    await page.waitForURL(/\/admin\/organisations$/);
    const sanyuan = page.locator('.el-table__row').filter({ hasText: '三元区' }).filter({ hasText: '350404' }).first();

    // when
    await sanyuan.locator('[data-test=row-create-child]').click();
    const dialog = page.locator('[data-test=form-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=field-name] input').fill('莘口镇');
    await dialog.locator('[data-test=field-code] input').fill('350404103');
    await screenshot(page, '02-create-township');
    await dialog.locator('[data-test=form-submit]').click();

    // then
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.el-table__row').filter({ hasText: '莘口镇' }).waitFor();
    const row = await platform.database.db('app.organisations').where({ name: '莘口镇' }).first();
    expect(row).to.include({ level: 'township', code: '350404103' });
  });


  it('validates the user form in Chinese before sending it', async () => {
    // given
    await page.locator('[data-test=menu-users]').click();
    await page.waitForURL(/\/admin\/users$/);

    // when
    await page.locator('[data-test=create-button]').click();
    await page.locator('[data-test=form-dialog]').waitFor();
    await page.locator('[data-test=form-submit]').click();

    // then
    const errors = page.locator('[data-test=form-dialog] .el-form-item__error');
    await errors.first().waitFor();
    expect(await errors.count()).to.be.greaterThan(2);
    expect(await errors.first().innerText()).to.match(/[\u4e00-\u9fa5]/);
    await screenshot(page, '03-user-form-validation');
  });


  it('creates an officer in the new township', async () => {
    // given the open dialog
    const dialog = page.locator('[data-test=form-dialog]');

    // when
    await dialog.locator('[data-test=field-username] input').fill('xinkou-officer');
    await dialog.locator('[data-test=field-displayName] input').fill('莘口执法员');
    await dialog.locator('[data-test=field-password] input').fill('Xinkou@2026');
    await pickOption('roles', '执法人员');
    await page.keyboard.press('Escape');
    await pickOption('organisationId', '莘口镇');
    await dialog.locator('[data-test=form-submit]').click();

    // then
    await dialog.waitFor({ state: 'hidden' });
    const user = await platform.database.db('app.users').where({ username: 'xinkou-officer' }).first();
    expect(user).to.include({ display_name: '莘口执法员', active: true });
    expect(user.roles).to.deep.equal(['officer']);
    await page.locator('[data-test=search-q] input, input[data-test=search-q]').first().fill('xinkou');
    await page.locator('[data-test=search-button]').click();
    await page.locator('.el-table__row').filter({ hasText: 'xinkou-officer' }).waitFor();
    await screenshot(page, '04-user-created');
  });


  it('signs the new officer in, who sees only the workbench, certificates, items and calendar of their township', async () => {
    // given
    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/\/login/);

    // when
    await signIn('xinkou-officer', 'Xinkou@2026');

    // then
    await page.locator('[data-test=home]').waitFor();
    for (const item of ['home', 'certificates', 'enforcement-items', 'calendar']) expect(await page.locator(`[data-test=menu-${item}]`).isVisible(), item).to.equal(true);
    for (const item of ['organisations', 'bodies', 'users']) expect(await page.locator(`[data-test=menu-${item}]`).count(), item).to.equal(0);
    expect(await page.locator('[data-test=profile-organisation]').innerText()).to.include('莘口镇');

    // and the catalogue holds just the items 三元区 delegated to its townships
    await page.locator('[data-test=menu-enforcement-items]').click();
    await page.waitForURL(/\/admin\/enforcement-items$/);
    await page.locator('.el-table__row').first().waitFor();
    const rows = await page.locator('.el-table__row').allInnerTexts();
    expect(rows).to.have.length(2);
    expect(rows.join('\n')).to.include('350404-CG-CF-001').and.include('350404-CG-QZ-001');
    expect(await page.locator('[data-test=create-button]').count()).to.equal(0);
    await screenshot(page, '05-officer-items');

    // and pages beyond the role are refused
    await page.goto(`${platform.baseUrl}/admin/users`);
    await page.locator('[data-test=forbidden]').waitFor();
    await screenshot(page, '06-officer-forbidden');
  });


  it('switches to English and remembers it after a reload', async () => {
    // given
    await page.locator('[data-test=menu-calendar]').click();
    await page.waitForURL(/\/admin\/calendar$/);
    const menuText = () => page.locator('[data-test=menu-calendar]').innerText();
    expect(await menuText()).to.match(/[\u4e00-\u9fa5]/);

    // when
    await page.locator('[data-test=locale-switch]').click();

    // then
    await page.waitForFunction(() => !/[\u4e00-\u9fa5]/.test(document.querySelector('[data-test=menu-calendar]')?.textContent ?? '中'));
    const english = await menuText();
    expect(english).to.match(/[A-Za-z]/);
    await page.reload();
    await page.locator('[data-test=menu-calendar]').waitFor();
    expect(await menuText()).to.equal(english);
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    await screenshot(page, '07-calendar-english');
  });
});
