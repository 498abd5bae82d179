import { eventually } from '@houqin/testing';
import { choose, PHONE, shot, watch } from './support/browser';
import { journey, schoolCode, stack, unexpected } from './support/journey';

/**
 * The asset ledger's journeys in Debian's Chromium against the real services through the gateway: a school admin
 * registers an asset and runs a stocktake of its room (marking on a phone, closing with the differences); a QR label
 * printed for it is scanned without a login and the report becomes a work order in the school's repairs list.
 */
const school = schoolCode('Q');
const schoolName = '城西实验小学';
const spec = journey({
  schools: { [school]: schoolName },
  people: {
    admin: { username: 'xu.admin', displayName: '徐老师', role: 'school-admin', schoolId: school },
    staff: { username: 'he.staff', displayName: '何老师', role: 'school-staff', schoolId: school },
  },
});
const { open } = spec;
const assetName = `多媒体投影仪 ${school}`;
const room = `R${school.slice(1, 5)}`;

describe('asset ledger journeys', () => {
  it('a school admin registers an asset and runs a stocktake of its room, marked on a phone', async () => {
    const { page, errors } = await open('admin', '/assets/new');
    await choose(page, '[data-testid="asset-category"]', '办公设备');
    await page.getByTestId('asset-name').fill(assetName);
    await page.getByTestId('asset-model').fill('EB-X51');
    await page.getByTestId('asset-serial').fill(`SN-${school}`);
    await page.getByTestId('asset-purchase-date').click();
    await page.keyboard.type('2024-09-01');
    await page.keyboard.press('Enter');
    await page.getByTestId('asset-price').fill('4500.50');
    await choose(page, '[data-testid="asset-funding"]', '财政拨款');
    await page.getByTestId('asset-building').fill('教学楼');
    await page.getByTestId('asset-room').fill(room);
    await page.getByTestId('asset-submit').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/assets/new'));
    await page.goto(`${stack.portal}/assets`);
    await page.getByTestId('asset-item').filter({ hasText: assetName }).waitFor();
    await page.getByTestId('ledger-stocktakes').click();
    await page.waitForURL(/\/stocktakes$/);

    await page.getByTestId('stocktake-building').fill('教学楼');
    await page.getByTestId('stocktake-room').fill(room);
    await page.getByTestId('stocktake-open').click();
    await page.waitForURL(/\/stocktakes\/[0-9a-f-]{36}$/);
    const stocktakePath = new URL(page.url()).pathname;
    await page.getByTestId('stocktake-item').filter({ hasText: assetName }).waitFor();
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();

    // Staff mark it on a phone, and note a chair that is not in the ledger.
    const phone = await open('staff', stocktakePath, PHONE);
    const item = phone.page.getByTestId('stocktake-item').filter({ hasText: assetName });
    await item.getByTestId('mark-damaged').click();
    await phone.page.getByTestId('damage-note').fill('镜头有划痕');
    await phone.page.getByTestId('damage-ok').click();
    await item.getByText('镜头有划痕').waitFor();
    await phone.page.getByTestId('unlisted-description').fill('折叠椅 4 把');
    await phone.page.getByTestId('unlisted-add').click();
    await phone.page.getByText('折叠椅 4 把').waitFor();
    await shot(phone.page, 'stocktake-phone');
    expect(unexpected(phone.errors)).toEqual([]);
    await phone.page.context().close();

    // The admin closes it: the damage is recorded on the asset, the chair is listed to register.
    const close = await open('admin', stocktakePath);
    await close.page.getByTestId('stocktake-close').click();
    await close.page.getByTestId('close-ok').click();
    await close.page.getByTestId('stocktake-summary').waitFor();
    expect(await close.page.getByTestId('stocktake-status').innerText()).toBe('已结束');
    const differences = await close.page.getByTestId('stocktake-difference').allInnerTexts();
    expect(differences.join('\n')).toContain('镜头有划痕');
    expect(differences.join('\n')).toContain('已记入台账');
    expect(differences.join('\n')).toContain('折叠椅 4 把');
    await shot(close.page, 'stocktake-closed');
    await close.page.goto(`${stack.portal}/assets`);
    await eventually(async () => {
      const damaged = close.page.getByTestId('asset-item').filter({ hasText: assetName }).getByText('损坏');
      return (await damaged.first().waitFor({ timeout: 3_000 }).then(() => true, () => undefined)) ?? (await close.page.reload(), undefined);
    }, 30_000);
    expect(unexpected(close.errors)).toEqual([]);
    await close.page.context().close();
  });

  it('a QR label is printed for the asset; a scan without a login reports a fault that the school sees in its repairs', async () => {
    const { page, errors } = await open('admin', '/assets/labels');
    const row = page.locator('[data-testid="labels-assets"] tr', { hasText: assetName });
    await row.locator('input[type=checkbox]').check();
    await page.getByTestId('labels-generate').click();
    const label = page.getByTestId('label').filter({ hasText: assetName });
    await label.locator('img').waitFor();
    expect(await label.innerText()).toContain(schoolName);
    await shot(page, 'asset-labels');
    const path = await label.getAttribute('data-path');
    expect(path).toMatch(/^\/r\/[A-Za-z0-9_-]{65}$/);
    expect(unexpected(errors)).toEqual([]);

    // Anyone at the school scans it: no login.
    const visitor = await spec.browser.newContext(PHONE);
    const scan = await visitor.newPage();
    const scanErrors = watch(scan);
    await scan.goto(`${stack.portal}${path}`);
    await scan.getByTestId('qr-asset').waitFor();
    expect(await scan.getByTestId('qr-asset').innerText()).toBe(assetName);
    await eventually(async () => (await scan.getByText(schoolName).first().waitFor({ timeout: 3_000 }).then(() => true, () => undefined)) ?? (await scan.reload(), undefined), 30_000);
    const fault = `投影仪不亮 ${school}`;
    await scan.getByTestId('qr-title').fill(fault);
    await scan.getByTestId('qr-name').fill('李老师');
    await scan.getByTestId('qr-phone').fill('13812345678');
    await shot(scan, 'qr-report-phone');
    await scan.getByTestId('qr-submit').click();
    await scan.getByTestId('qr-done').waitFor();
    await shot(scan, 'qr-report-done');
    expect(unexpected(scanErrors)).toEqual([]);

    // The school sees the report among its repairs.
    await page.goto(`${stack.portal}/repairs`);
    await eventually(async () => (await page.getByText(fault).first().waitFor({ timeout: 5_000 }).then(() => true, () => undefined)) ?? (await page.reload(), undefined), 30_000).catch(async (err: unknown) => {
      await shot(page, 'debug-qr-repairs');
      throw new Error(`${String(err)}; the page: ${(await page.locator('body').innerText()).slice(0, 800)}; console: ${errors.join(' | ')}`);
    });
    await shot(page, 'qr-report-in-repairs');

    // Revoked, the label reports nothing any more.
    await page.goto(`${stack.portal}/assets/labels`);
    await page.locator('[data-testid="labels-assets"] tr', { hasText: assetName }).locator('input[type=checkbox]').check();
    await page.getByTestId('labels-generate').click();
    await page.getByTestId('label').filter({ hasText: assetName }).getByTestId('label-revoke').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByText('已作废，请重新生成并张贴新标签').waitFor();
    await eventually(async () => {
      await scan.goto(`${stack.portal}${path}`);
      return scan.getByTestId('qr-gone').waitFor({ timeout: 3_000 }).then(() => true, () => undefined);
    }, 30_000);
    await shot(scan, 'qr-report-revoked');
    await visitor.close();
    await page.context().close();
  });
});
