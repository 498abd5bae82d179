import ExcelJS from 'exceljs';
import { eventually } from '@houqin/testing';
import { choose, DESK, PHONE, shot, watch } from './support/browser';
import { drawPhone, journey, schoolCode, stack, unexpected } from './support/journey';
import { submitLogin } from './support/sign-in';

/**
 * The portal's journeys in Debian's Chromium against the real services (PostgreSQL, the tests' Kafka), as issue 19
 * lists them, through the gateway as a school reaches it. People sign in with identity: their accounts are created
 * with initial passwords (by a development system-admin token, which identity accepts under HOUQIN_DEV_AUTH=1 like
 * every service in the tests), and each changes it at the first login, as the portal forces.
 */
const schoolA = schoolCode('A');
const schoolB = schoolCode('B');
const spec = journey({
  schools: { [schoolA]: '实验小学', [schoolB]: '第一中学' },
  people: {
    staffA: { username: 'li.lei', displayName: '李雷', role: 'school-staff', schoolId: schoolA },
    adminA: { username: 'wang.fang', displayName: '王芳', role: 'school-admin', schoolId: schoolA },
    staffB: { username: 'han.mei', displayName: '韩梅', role: 'school-staff', schoolId: schoolB },
    official: { username: 'chen.ju', displayName: '陈菊', role: 'bureau-official' },
    auditor: { username: 'sun.shen', displayName: '孙慎', role: 'auditor' },
    locked: { username: 'ma.li', displayName: '马丽', role: 'school-staff', schoolId: schoolA },
  },
});
const { open, logIn, people, passwords } = spec;
const newcomer = spec.username('zhao.lei');
const title = `三楼302教室灯管不亮 ${schoolA}`;
let workOrderId = '';

describe('portal journeys', () => {
  let bureauBefore = 0;

  it('opens on the zh-CN login and switches to English and back', async () => {
    const context = await spec.browser.newContext(DESK);
    const page = await context.newPage();
    await page.goto(`${stack.portal}/repairs`);
    await page.waitForURL(/\/login$/);
    expect(await page.getByTestId('login-submit').innerText()).toMatch(/登\s*录/);
    await shot(page, 'login');
    await page.getByTestId('lang-switch').click();
    expect(await page.getByTestId('login-submit').innerText()).toBe('Log in');
    await shot(page, 'login-en');
    await page.getByTestId('lang-switch').click();
    await context.close();
  });

  it('a login lockout is shown: after 5 wrong passwords even the right one is refused, with the lockout named', async () => {
    const context = await spec.browser.newContext(DESK);
    const page = await context.newPage();
    await page.goto(`${stack.portal}/login`);
    const attempt = async (password: string) => {
      const before = await page.getByTestId('login-error').count();
      await page.getByTestId('login-username').fill(people.locked.username);
      await page.getByTestId('login-password').fill(password);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/identity/auth/login'));
      await page.getByTestId('login-submit').click();
      expect((await answer).status()).toBe(401);
      await page.getByTestId('login-error').waitFor();
      return before;
    };
    for (let i = 0; i < 5; i++) await attempt(`Wrong#${i}pass`);
    await attempt(passwords.locked.current); // the right password: locked now, and answered alike
    const text = await page.getByTestId('login-error').innerText();
    expect(text).toContain('用户名或密码错误');
    expect(text).toMatch(/锁定 \d+ 分钟/);
    expect(page.url()).toMatch(/\/login$/);
    await shot(page, 'login-lockout');
    await context.close();
  });

  it('the bureau dashboard shows the district figures before anything is reported', async () => {
    const { page, errors } = await open('official', '/dashboard');
    await page.getByTestId('schools-table').waitFor();
    await page.getByTestId('freshness').waitFor();
    bureauBefore = Number(await page.getByTestId('kpi-open').locator('.ant-statistic-content-value').innerText().catch(() => '0')) || 0;
    // The bureau lists every school of identity's register, so school A may be there already, with nothing reported.
    const rowA = page.locator('tr', { has: page.getByTestId(`drill-${schoolA}`) });
    if ((await rowA.count()) > 0) expect(await rowA.locator('td').nth(3).innerText()).toBe('0');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('school staff on a phone report a repair and see it in the list at once', async () => {
    const context = await spec.browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watch(page);
    await page.goto(`${stack.portal}/`);
    await page.waitForURL(/\/login$/);
    await logIn(page, 'staffA', (form) => shot(form, 'password-forced'));
    await page.getByTestId('repair-list').waitFor();
    await shot(page, 'staff-phone-list-empty');
    await page.getByTestId('menu-button').click();
    await page.getByTestId('nav-menu').getByText('我要报修').last().click();
    await page.getByTestId('report-title').fill(title);
    await page.getByTestId('report-location').fill('教学楼3层302');
    await choose(page, '[data-testid="report-category"]', '电路照明');
    await shot(page, 'staff-phone-report');
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/repairs$/);
    const item = page.getByTestId('repair-item').filter({ hasText: title });
    await item.waitFor({ timeout: 5_000 }); // read with the command's position: no refresh, no waiting for the projection
    expect(await item.getByTestId('status-tag').innerText()).toBe('待派单');
    await shot(page, 'staff-phone-list');
    await item.click();
    await page.waitForURL(/\/repairs\/[0-9a-f-]{36}$/);
    workOrderId = page.url().split('/').pop()!;
    await page.getByTestId('timeline').waitFor();
    await shot(page, 'staff-phone-detail');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('a field the service refuses is shown beside the field', async () => {
    const { page } = await open('staffA', '/repairs/new');
    await page.getByTestId('report-title').fill('灯'.repeat(101)); // the service allows 100 characters
    await page.getByTestId('report-location').fill('操场');
    await choose(page, '[data-testid="report-category"]', '其他');
    await page.getByTestId('report-submit').click();
    const explain = page.locator('.ant-form-item-has-error .ant-form-item-explain-error');
    await explain.first().waitFor();
    expect(await explain.first().innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.locator('.ant-form-item-has-error').first().innerText()).toContain('报修标题');
    expect(page.url()).toMatch(/\/repairs\/new$/);
    await page.context().close();
  });

  it('the school admin dispatches it (派工), starts it (开工), records the costs (登记费用) and completes it (完工)', async () => {
    const { page, errors } = await open('adminA', `/repairs/${workOrderId}`);
    await page.getByTestId('action-dispatch').click();
    await page.getByTestId('dispatch-technician-id').fill('tech.zhang');
    await page.getByTestId('dispatch-technician-name').fill('电工 张师傅');
    await shot(page, 'admin-assign');
    await page.getByTestId('action-ok').click();
    await eventually(async () => ((await page.getByTestId('status-tag').first().innerText()) === '已派工' ? true : undefined));
    expect(await page.getByTestId('detail-repairer').innerText()).toContain('电工 张师傅');
    await page.getByTestId('action-start').click();
    await page.getByTestId('action-ok').click();
    await eventually(async () => ((await page.getByTestId('status-tag').first().innerText()) === '维修中' ? true : undefined));
    await page.getByTestId('action-costs').click();
    await page.getByTestId('cost-add-part').click();
    await page.getByTestId('cost-part-name').fill('LED 灯管');
    await page.locator('input[data-testid="cost-part-quantity"], [data-testid="cost-part-quantity"] input').first().fill('2');
    await page.getByTestId('cost-part-price').fill('18.5');
    await page.getByTestId('cost-labour').fill('30');
    await page.getByTestId('action-ok').click();
    const total = await eventually(async () => ((await page.getByTestId('cost-total').count()) > 0 ? page.getByTestId('cost-total').innerText() : undefined));
    expect(total).toBe('67.00'); // 2 × 18.50 + 30.00, exact in fen
    await page.getByTestId('action-complete').click();
    await page.getByTestId('action-note').fill('已更换灯管');
    await page.getByTestId('action-ok').click();
    await eventually(async () => ((await page.getByTestId('status-tag').first().innerText()) === '待验收' ? true : undefined));
    expect(await page.getByTestId('action-verify').count()).toBe(0); // only the reporter accepts the repair
    await shot(page, 'admin-costs');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it("the school admin unlocks the locked account and creates a staff account; both owners then log in", async () => {
    const { page, errors } = await open('adminA', '/accounts');
    const lockedRow = page.locator('tr', { hasText: people.locked.username });
    await lockedRow.getByText('已锁定').waitFor();
    await page.getByTestId(`account-enable-${people.locked.username}`).click();
    await eventually(async () => ((await lockedRow.getByText('已锁定').count()) === 0 ? true : undefined), 10_000, 300);

    await page.getByTestId('account-new').click();
    await page.getByTestId('account-username').fill(newcomer);
    await page.getByTestId('account-name').fill('赵雷');
    await page.getByTestId('account-phone').fill(drawPhone());
    await page.getByTestId('account-ok').click();
    const initial = await page.getByTestId('initial-password').innerText();
    expect(initial.length).toBeGreaterThanOrEqual(8);
    await page.getByTestId('accounts-table').getByText(newcomer).waitFor(); // listed at once (read with the command's position)
    await shot(page, 'admin-accounts');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();

    for (const [who, password] of [['locked', passwords.locked.current], ['newcomer', initial]] as const) {
      const context = await spec.browser.newContext(DESK);
      const login = await context.newPage();
      await login.goto(`${stack.portal}/login`);
      await submitLogin(login, who === 'locked' ? people.locked.username : newcomer, password);
      await login.waitForURL(/\/password$/); // an initial password: changed first
      await context.close();
    }
  });

  it('the reporter verifies it with a rating (验收)', async () => {
    const { page, errors } = await open('staffA', `/repairs/${workOrderId}`);
    await page.getByTestId('action-verify').click();
    await page.locator('.ant-modal .ant-rate-star').nth(3).click();
    await page.getByTestId('action-ok').click();
    await eventually(async () => ((await page.getByTestId('status-tag').first().innerText()) === '已验收' ? true : undefined));
    await page.locator('.ant-rate-disabled').waitFor();
    await shot(page, 'staff-verified-detail');
    await page.goto(`${stack.portal}/my-school`);
    await eventually(async () => {
      await page.reload();
      await page.getByTestId('kpi-verified').waitFor();
      return (await page.getByTestId('kpi-verified').locator('.ant-statistic-content-value').innerText()) === '1' ? true : undefined;
    }, 30_000, 1_000);
    await shot(page, 'staff-my-school');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it("school B's staff cannot reach school A's repair, not even by its URL", async () => {
    const { page } = await open('staffB', `/repairs/${workOrderId}`);
    const sentence = page.getByTestId('error-page');
    await sentence.waitFor();
    expect(await sentence.innerText()).toContain('不属于您的学校');
    expect(await page.getByText(title).count()).toBe(0);
    await shot(page, 'school-b-refused');
    await page.goto(`${stack.portal}/repairs`);
    await page.getByTestId('repair-list').waitFor();
    expect(await page.getByText(title).count()).toBe(0);
    await page.context().close();
  });

  it('the bureau sees the figures change and exports the schools to Excel with Chinese headers', async () => {
    const { page, errors } = await open('official', '/dashboard');
    await eventually(async () => {
      await page.getByTestId('dash-refresh').click();
      return (await page.getByTestId(`drill-${schoolA}`).count()) > 0 ? true : undefined;
    }, 30_000, 1_000);
    const row = page.locator('tr', { has: page.getByTestId(`drill-${schoolA}`) });
    await eventually(async () => {
      await page.getByTestId('dash-refresh').click();
      await page.waitForTimeout(500);
      return (await row.locator('td').nth(6).innerText()) === '1' ? true : undefined; // verified
    }, 30_000, 1_000);
    expect(await row.innerText()).toContain('实验小学');
    expect(await page.getByTestId('freshness').innerText()).toMatch(/^数据截至 \d{4}/);
    await page.waitForTimeout(800);
    await shot(page, 'bureau-dashboard');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-excel').click()]);
    expect(download.suggestedFilename()).toMatch(/^各校报修统计-\d{8}\.xlsx$/);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('各校报修统计')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '学校', '学校名称', '类型', '报修数', '未完成', '已完工', '已验收', '平均完工用时（小时）', '超时未办', '完工达标率', '派单达标率']);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      if (values[1] === schoolA) rows.push(values.slice(1, 8));
    });
    expect(rows).toEqual([[schoolA, '实验小学', '小学', 1, 0, 0, 1]]);

    // By school type (identity's register): a junior-secondary filter leaves school A out.
    await choose(page, '[data-testid="filter-school-type"]', '初中');
    await eventually(async () => ((await page.getByTestId(`drill-${schoolA}`).count()) === 0 ? true : undefined));
    await choose(page, '[data-testid="filter-school-type"]', '小学');
    await page.getByTestId(`drill-${schoolA}`).waitFor();

    await page.getByTestId(`drill-${schoolA}`).click();
    await page.getByTestId('repair-item').filter({ hasText: title }).waitFor();
    expect(await page.getByTestId('new-repair').count()).toBe(0); // read-only
    await shot(page, 'bureau-drill-down');

    // The drilled-down list exports every order under its filter (all pages, not only those loaded), school included.
    const [orders] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-work-orders').click()]);
    expect(orders.suggestedFilename()).toMatch(new RegExp(`^报修工单-${schoolA}-\\d{8}\\.xlsx$`));
    const ordersBook = new ExcelJS.Workbook();
    await ordersBook.xlsx.readFile(await orders.path());
    const ordersSheet = ordersBook.getWorksheet('报修工单')!;
    expect(ordersSheet.getRow(1).values).toEqual([undefined, '工单编号', '标题', '位置', '学校', '类别', '紧急程度', '状态', '维修人', '合计（元）', '报修时间', '时限', '完工时间']);
    const exported: unknown[][] = [];
    const notes: unknown[] = [];
    ordersSheet.eachRow((row, n) => {
      const values = row.values as unknown[];
      if (n > 1 && values.length > 2) exported.push(values);
      else if (n > 1) notes.push(values[1]);
    });
    expect(exported.map((v) => v[4])).toEqual([schoolA]); // the filter's school, and its one order
    expect(exported[0].slice(1, 10)).toEqual([workOrderId, title, '教学楼3层302', schoolA, '电路照明', '一般', '已验收', '电工 张师傅', '67.00']);
    expect(exported[0][10]).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/); // reported, Beijing time as shown
    expect(exported[0][12]).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/); // completed
    expect(notes).toEqual([expect.stringMatching(/^按导出时的筛选条件，共 1 条/)]);
    expect(unexpected(errors)).toEqual([]);
    expect(bureauBefore).toBeGreaterThanOrEqual(0);
    await page.context().close();
  });

  it("the auditor finds the repair's events and runs a verification", async () => {
    const { page, errors } = await open('auditor', '/');
    await page.waitForURL(/\/audit\/history$/);
    await page.getByTestId('audit-stream').fill(`WorkOrder-${workOrderId}`);
    await page.getByTestId('audit-search').click();
    const lines = page.getByTestId('history-table').locator('tbody tr.ant-table-row');
    await eventually(async () => ((await lines.count()) === 6 ? true : undefined)); // reported, dispatched, started, costed, completed, verified
    expect(await page.getByTestId('history-table').innerText()).toContain('WorkOrderVerified');
    await lines.first().click();
    await page.getByTestId('event-hash').waitFor();
    expect(await page.getByTestId('event-hash').innerText()).toMatch(/^[0-9a-f]{64}/);
    expect(await page.getByTestId('event-payload').innerText()).toContain(title);
    await shot(page, 'auditor-history');
    await page.keyboard.press('Escape');

    await page.goto(`${stack.portal}/audit/checks`);
    await page.getByTestId('verify-start').click();
    await page.getByTestId('verify-result').getByText('校验通过').waitFor({ timeout: 30_000 });
    await page.getByTestId('rebuild-start').click();
    await page.getByTestId('rebuild-result').getByText('重放结果与实时统计一致').waitFor({ timeout: 60_000 });
    await page.getByTestId('runs-table').getByText('rebuild-work-order-figures').waitFor();
    await shot(page, 'auditor-verification');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('logs out after the idle time and brings the user back to the page after the next login', async () => {
    const context = await spec.browser.newContext(DESK);
    await context.addInitScript("sessionStorage.setItem('houqin.idleMs', '3000')"); // instead of 15 minutes
    const page = await context.newPage();
    await page.goto(`${stack.portal}/login`);
    await logIn(page, 'staffA');
    await page.goto(`${stack.portal}/repairs?status=verified`);
    await page.getByTestId('repair-list').waitFor();
    await page.waitForURL(/\/login$/, { timeout: 15_000 });
    expect(await page.getByTestId('login-ended').innerText()).toContain('长时间未操作');
    expect(await page.evaluate("sessionStorage.getItem('houqin.session')")).toBeNull();
    await shot(page, 'login-idle');
    await logIn(page, 'staffA');
    await page.waitForURL(/\/repairs\?status=verified$/);
    await page.getByTestId('repair-item').filter({ hasText: title }).waitFor();
    await context.close();
  });

  it('refreshes the tokens before the access token expires, and keeps working on the new ones', async () => {
    const { page, errors } = await open('official', '/dashboard');
    await page.getByTestId('schools-table').waitFor();
    const tokens = () => page.evaluate("JSON.parse(sessionStorage.getItem('houqin.session') || '{}')") as Promise<{ accessToken?: string; refreshToken?: string }>;
    const first = await tokens();
    const renewed = await eventually(async () => {
      const now = await tokens();
      return now.refreshToken && now.refreshToken !== first.refreshToken ? now : undefined;
    }, 30_000, 500); // 70 s tokens, refreshed a minute before they expire
    expect(renewed.accessToken).not.toBe(first.accessToken);
    const answer = page.waitForResponse((r) => r.url().includes('/api/bureau/statistics/work-orders/district'));
    await page.getByTestId('dash-refresh').click();
    expect((await answer).status()).toBe(200);
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('offers each role only its pages', async () => {
    const { page } = await open('auditor', '/dashboard');
    await page.getByTestId('forbidden-page').waitFor();
    expect(await page.getByTestId('nav-menu').innerText()).not.toContain('全区看板');
    await page.context().close();
  });

});
