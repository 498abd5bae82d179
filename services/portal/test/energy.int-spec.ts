import { randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { Platform, token } from '@houqin/testing';
import { choose, DESK, launch, PHONE, shot, watch } from './support/browser';
import { startGateway } from './support/gateway';
import { createAccount, dropIdentitySchema, identityService, Person, registerSchool, startIdentity, strongPassword } from './support/identity';
import { ExtraService } from './support/processes';

/**
 * 能源管理 in Debian's Chromium against the real services through the gateway: the school admin installs a meter,
 * staff read it on a phone (a reading below the last is refused beside the field, then one is recorded), the admin
 * sees the reading and exports it to Excel, and the bureau official opens the energy section of 设施设备.
 */
const platform = new Platform();
let identity: ExtraService;
let portal: ExtraService;
let browser: Browser;

const school = `E${randomUUID().slice(0, 6)}`;
const people = {
  admin: { username: 'wu.gang', displayName: '吴刚', phone: '13957100041', role: 'school-admin', schoolId: school },
  staff: { username: 'xu.li', displayName: '徐丽', phone: '13957100042', role: 'school-staff', schoolId: school },
  official: { username: 'sun.ju', displayName: '孙局', phone: '13957100043', role: 'bureau-official' },
} satisfies Record<string, Person>;
type Who = keyof typeof people;
const passwords = {} as Record<Who, string>;

/** Signs in and changes the initial password, as the portal requires at the first login. */
async function open(who: Who, route: string, options: object = DESK): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(options);
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
  if (route !== '/') await page.goto(`${portal.url}${route}`);
  return { page, errors };
}

const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (4\d\d|503)/.test(e));

beforeAll(async () => {
  const { identity: id, jwks } = await identityService();
  identity = id;
  await platform.start({ facilities: { ...jwks, FACILITIES_SLA_SCAN_INTERVAL_MS: '0' }, bureau: jwks, audit: jwks });
  await startIdentity(identity, platform);
  const admin = token({ sub: 'test.sysadmin', role: 'system-admin' });
  await registerSchool(identity, admin, school, '城东小学');
  for (const who of Object.keys(people) as Who[]) {
    passwords[who] = strongPassword();
    await createAccount(identity, admin, people[who], passwords[who]);
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

describe('energy (能源管理)', () => {
  it('the school admin installs a meter from 能源管理', async () => {
    const { page, errors } = await open('admin', '/');
    await page.getByTestId('nav-menu').getByText('能源管理').click();
    await page.waitForURL(/\/energy$/);
    await page.getByTestId('energy-install').click();
    await page.getByTestId('meter-building').fill('教学楼A');
    await choose(page, '[data-testid="meter-kind"]', '电');
    await page.getByTestId('meter-initial').fill('1000');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('energy-meters').getByText('1000.000 kWh').waitFor();
    expect(await page.getByTestId('energy-meters').innerText()).toContain('教学楼A');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('staff read the meter on a phone: a reading below the last is refused beside the field, then one is recorded', async () => {
    const { page, errors } = await open('staff', '/energy/reading', PHONE);
    await choose(page, '[data-testid="reading-meter"]', '教学楼A · 电');
    expect(await page.getByTestId('reading-last').innerText()).toContain('1000.000 kWh');
    await page.getByTestId('reading-value').fill('900');
    await page.getByTestId('reading-submit').click();
    const beside = page.locator('.ant-form-item-explain-error', { hasText: '换表' });
    await beside.waitFor({ timeout: 10_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}\npage: ${await page.locator('body').innerText()}`);
    });
    expect(await page.getByTestId('reading-error').count()).toBe(0);
    await shot(page, 'staff-energy-reading-refused');
    await page.getByTestId('reading-value').fill('1850.5');
    await page.getByTestId('reading-submit').click();
    await page.getByText('本期用量 850.500 kWh').waitFor();
    expect(await page.getByTestId('reading-last').innerText()).toContain('1850.500 kWh');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the school admin sees the reading and exports the readings to Excel', async () => {
    const { page, errors } = await open('admin', '/energy');
    await page.getByRole('tab', { name: '抄表记录' }).click();
    await page.getByTestId('energy-readings').getByText('850.500 kWh').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('readings-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^readings-.*\.xlsx$/);
    await page.getByRole('tab', { name: '月度用量' }).click();
    await page.getByTestId('energy-consumption-chart').locator('canvas').waitFor();
    await shot(page, 'school-energy-consumption');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the bureau official opens the energy section of 设施设备', async () => {
    const { page, errors } = await open('official', '/facilities-dashboard');
    await page.getByRole('tab', { name: '能源管理' }).click();
    await page.getByTestId('facilities-energy').waitFor();
    await page.getByTestId('energy-section-table').waitFor();
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });
});
