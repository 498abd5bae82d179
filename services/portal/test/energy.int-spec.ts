import { choose, PHONE, shot } from './support/browser';
import { journey, schoolCode, unexpected } from './support/journey';

/**
 * 能源管理 in Debian's Chromium against the real services through the gateway: the school admin installs a meter,
 * staff read it on a phone (a reading below the last is refused beside the field, then one is recorded), the admin
 * sees the reading and exports it to Excel, and the bureau official opens the energy section of 设施设备.
 */
const school = schoolCode('E');
const { open } = journey({
  schools: { [school]: '城东小学' },
  people: {
    admin: { username: 'wu.gang', displayName: '吴刚', role: 'school-admin', schoolId: school },
    staff: { username: 'xu.li', displayName: '徐丽', role: 'school-staff', schoolId: school },
    official: { username: 'sun.ju', displayName: '孙局', role: 'bureau-official' },
  },
});

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
