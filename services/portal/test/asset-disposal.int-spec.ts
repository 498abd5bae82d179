import { eventually } from '@houqin/testing';
import { choose, shot } from './support/browser';
import { journey, schoolCode, stack, unexpected } from './support/journey';

/**
 * The asset ledger's disposal (报废) in Debian's Chromium against the real services through the gateway: a school head
 * registers a costly asset, requests its disposal and approves it; it awaits the bureau, whose official approves it
 * on the disposals page; the asset's page shows the depreciation and the stage.
 */
const school = schoolCode('D');
const { open } = journey({
  schools: { [school]: '城东中学' },
  people: {
    head: { username: 'head', displayName: '吴校长', role: 'school-admin', schoolId: school },
    official: { username: 'ju', displayName: '陈科长', role: 'bureau-official' },
  },
});
const assetName = `校园广播系统 ${school}`;

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
  await bureau.page.goto(`${stack.portal}${assetPath}`);
  await bureau.page.getByTestId('asset-disposal-stage').getByText('已批准待处置').waitFor();
  expect(unexpected(bureau.errors)).toEqual([]);
  await bureau.page.context().close();
});
