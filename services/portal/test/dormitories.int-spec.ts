import { choose, PHONE, shot } from './support/browser';
import { journey, schoolCode, unexpected } from './support/journey';

/**
 * 宿舍 and 绿化档案 in Debian's Chromium against the real services through the gateway: the school admin registers a
 * dormitory building and a room of 2 beds; the dormitory manager, on a phone, assigns both beds, moves one student out
 * and checks the room with a failed item; the admin exports the bed list; the bureau official sees the occupancy in
 * 设施设备 without any student; the admin registers a green area and staff record its care.
 */
const school = schoolCode('S');
const { open } = journey({
  schools: { [school]: '寄宿中学' },
  people: {
    admin: { username: 'qian.hong', displayName: '钱红', role: 'school-admin', schoolId: school },
    // The 宿舍管理员 post: bed writes need it (or school-admin).
    staff: { username: 'su.guan', displayName: '苏管', role: 'school-staff', schoolId: school, posts: ['dormitory-manager'] },
    official: { username: 'kong.ju', displayName: '孔局', role: 'bureau-official' },
  },
});

describe('dormitories (宿舍)', () => {
  it('the school admin registers a building and a room of 2 beds', async () => {
    const { page, errors } = await open('admin', '/');
    await page.getByTestId('nav-menu').getByText('宿舍管理').click();
    await page.waitForURL(/\/dormitories$/);
    await page.getByTestId('dorm-register').click();
    await page.getByTestId('dorm-name').fill('女生公寓1号楼');
    await choose(page, '[data-testid="dorm-gender"]', '女');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('dorm-list').getByText('女生公寓1号楼').click();
    await page.waitForURL(/\/dormitories\/[0-9a-f-]{36}$/);
    await page.getByTestId('dorm-add-room').click();
    await page.getByTestId('room-number').fill('101');
    await page.getByTestId('room-capacity').fill('2');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('bed-101-2').waitFor();
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the dormitory manager assigns both beds on a phone, moves one student out and checks the room', async () => {
    const { page, errors } = await open('staff', '/dormitories', PHONE);
    await page.getByTestId('dorm-list').getByText('女生公寓1号楼').click();
    for (const [bed, number, name] of [[1, '20260001', '林晓'], [2, '20260002', '周雨']] as const) {
      await page.getByTestId(`bed-101-${bed}`).click();
      await page.getByTestId('assign-number').fill(number);
      await page.getByTestId('assign-name').fill(name);
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId(`bed-101-${bed}`).getByText(name).waitFor();
    }
    expect(await page.getByTestId('dorm-occupancy').innerText()).toContain('2/2');
    await shot(page, 'staff-dormitory-beds');
    await page.getByTestId('bed-101-1').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('bed-101-1').getByText('空床').waitFor();

    await page.getByTestId('dorm-check-101').click();
    await page.getByTestId('check-windows').getByText('不合格').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '说明' }).waitFor(); // a failed item needs its note
    await page.getByTestId('check-windows-note').fill('窗户插销损坏');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('dorm-room-101').getByText('1 项不合格').waitFor();
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the school admin exports the bed list to Excel, student numbers masked', async () => {
    const { page, errors } = await open('admin', '/dormitories');
    await page.getByTestId('dorm-list').getByText('女生公寓1号楼').click();
    await page.getByTestId('bed-101-2').getByText('周雨').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dorm-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the bureau official sees the occupancy in 设施设备, and no student', async () => {
    const { page, errors } = await open('official', '/facilities-dashboard');
    await page.getByRole('tab', { name: '宿舍入住' }).click();
    const section = page.getByTestId('facilities-dormitories');
    // The district's other schools may be listed too: this school's row (keyed by its code) bears its name.
    await section.locator(`tr[data-row-key="${school}"]`).getByText('寄宿中学').waitFor({ timeout: 30_000 });
    expect(await section.innerText()).not.toMatch(/周雨|2026000/);
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });
});

describe('greening (绿化档案)', () => {
  it('the school admin registers a green area; staff record its watering', async () => {
    const admin = await open('admin', '/greening');
    await admin.page.getByTestId('green-register').click();
    await admin.page.locator('.ant-modal input').nth(0).fill('南操场草坪');
    await admin.page.locator('.ant-modal input').nth(1).fill('南操场西侧');
    await admin.page.locator('.ant-modal input').nth(2).fill('1200.5');
    await choose(admin.page, '.ant-modal .ant-select', '草坪');
    await admin.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await admin.page.getByTestId('green-areas').getByText('南操场草坪').waitFor();
    expect(unexpected(admin.errors)).toEqual([]);
    await admin.page.context().close();

    const { page, errors } = await open('staff', '/greening', PHONE);
    await page.getByTestId('green-areas').getByText('南操场草坪').click();
    await page.getByTestId('care-by').fill('园林组 陈师傅');
    await page.getByTestId('care-submit').click();
    await page.locator('.ant-drawer').getByText('园林组 陈师傅').waitFor();
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });
});
