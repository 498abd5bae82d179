import { randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { eventually, Platform, token } from '@houqin/testing';
import { choose, DESK, launch, shot, watch } from './support/browser';
import { startGateway } from './support/gateway';
import { createAccount, dropIdentitySchema, identityService, Person, registerSchool, startIdentity, strongPassword } from './support/identity';
import { ExtraService } from './support/processes';

/**
 * The asset ledger's disposal (报废) in Debian's Chromium against the real services through the gateway: a school head
 * registers a costly asset, requests its disposal and approves it; it awaits the bureau, whose official approves it
 * on the disposals page; the asset's page shows the depreciation and the stage.
 */
const platform = new Platform();
let identity: ExtraService;
let portal: ExtraService;
let browser: Browser;

const school = `D${randomUUID().slice(0, 6)}`;
const people = {
  head: { username: `head.${school.toLowerCase()}`, displayName: '吴校长', phone: '13957100061', role: 'school-admin', schoolId: school },
  official: { username: `ju.${school.toLowerCase()}`, displayName: '陈科长', phone: '13957100062', role: 'bureau-official' },
} satisfies Record<string, Person>;
type Who = keyof typeof people;
const passwords = {} as Record<Who, string>;
const assetName = `校园广播系统 ${school}`;

async function open(who: Who, route: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(DESK);
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(`${portal.url}/login`);
  await page.getByTestId('login-username').fill(people[who].username);
  await page.getByTestId('login-password').fill(passwords[who]);
  await page.getByTestId('login-submit').click();
  if (await page.waitForURL(/\/password$/, { timeout: 5_000 }).then(() => true, () => false)) {
    const next = strongPassword();
    await page.getByTestId('password-current').fill(passwords[who]);
    await page.getByTestId('password-new').fill(next);
    await page.getByTestId('password-confirm').fill(next);
    await page.getByTestId('password-submit').click();
    passwords[who] = next;
  }
  await page.waitForURL((url) => !/\/(login|password)$/.test(url.pathname));
  await page.goto(`${portal.url}${route}`);
  return { page, errors };
}

const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (4\d\d|503)/.test(e));

beforeAll(async () => {
  const { identity: id, jwks } = await identityService();
  identity = id;
  await platform.start({ facilities: { ...jwks, FACILITIES_SLA_SCAN_INTERVAL_MS: '0' }, bureau: jwks, audit: jwks });
  await startIdentity(identity, platform);
  const sysadmin = token({ sub: 'test.sysadmin', role: 'system-admin' });
  await registerSchool(identity, sysadmin, school, '城东中学');
  for (const who of Object.keys(people) as Who[]) {
    passwords[who] = strongPassword();
    await createAccount(identity, sysadmin, people[who], passwords[who]);
  }
  portal = await startGateway(platform, identity);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  await identity?.stop();
  await platform.stop();
  await dropIdentitySchema(platform);
}, 60_000);

it('a costly asset is registered, its disposal approved by the school head, then by the bureau', async () => {
  const { page, errors } = await open('head', '/assets/new');
  await choose(page, '[data-testid="asset-category"]', '办公设备');
  await page.getByTestId('asset-name').fill(assetName);
  await page.getByTestId('asset-purchase-date').click();
  await page.keyboard.type('2018-03-10');
  await page.keyboard.press('Enter');
  await page.getByTestId('asset-price').fill('58000');
  await page.getByTestId('asset-building').fill('综合楼');
  await page.getByTestId('asset-submit').click();
  await page.waitForURL((url) => url.pathname === '/assets');
  await page.getByTestId('asset-item').filter({ hasText: assetName }).click();
  await page.waitForURL(/\/assets\/[0-9a-f-]{36}$/);
  const assetPath = new URL(page.url()).pathname;
  await page.getByTestId('asset-depreciation').getByText('今日净值').waitFor();

  await page.getByTestId('asset-action-disposal').click();
  await choose(page, '[data-testid="asset-field-method"]', '报废');
  await page.getByTestId('asset-field-reason').fill('系统老化、频繁故障');
  await page.getByTestId('asset-action-ok').click();
  await page.getByTestId('asset-disposal-stage').getByText('待校长审批').waitFor();
  await page.getByTestId('asset-action-approve').click();
  await page.getByTestId('asset-action-ok').click();
  await page.getByTestId('asset-disposal-stage').getByText('待教育局审批').waitFor();
  await shot(page, 'asset-awaiting-bureau');
  expect(unexpected(errors)).toEqual([]);
  await page.context().close();

  const bureau = await open('official', '/asset-disposals');
  const row = bureau.page.locator('[data-testid="disposal-approvals"] tr', { hasText: assetName });
  // The list renders after its query answers: wait for the row, and reload only when it has not come (a reload every
  // poll never let a slow answer render under CI's load).
  await eventually(async () => {
    const found = await row.first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
    return found ? true : (await bureau.page.reload(), undefined);
  }, 60_000);
  await row.getByTestId('disposal-approve').click();
  await bureau.page.getByTestId('asset-action-ok').click();
  await eventually(async () => ((await row.count()) === 0 ? true : (await bureau.page.reload(), undefined)), 20_000);
  await shot(bureau.page, 'asset-disposals-bureau');
  await bureau.page.goto(`${portal.url}${assetPath}`);
  await bureau.page.getByTestId('asset-disposal-stage').getByText('已批准待处置').waitFor();
  expect(unexpected(bureau.errors)).toEqual([]);
  await bureau.page.context().close();
});
