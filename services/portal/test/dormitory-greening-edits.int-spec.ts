import { Page } from 'playwright-core';
import { choose, offeredOptions, PHONE } from './support/browser';
import { journey, schoolCode, unexpected } from './support/journey';

/** The narrow phone the forms must work on. */
const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 }, screen: { width: 390, height: 844 } };

/**
 * 调宿, 调换床位, 变更床位数 and 绿地面积/株数变更/撤销 in Debian's Chromium against the real services through the
 * gateway: the school admin registers a building of two rooms; the dormitory manager, on a 390 px phone, assigns two
 * students, swaps their beds (picked by bed and name, the numbers being masked), moves one to a free bed and the other
 * out; the admin adds a bed to a room; the admin resizes a green area (the service's refusal shown in the form),
 * staff record that trees died, and the admin removes the area.
 */
const school = schoolCode('E');
const { open } = journey({
  schools: { [school]: '寄宿二中' },
  people: {
    admin: { username: 'wu.xiao', displayName: '吴校', role: 'school-admin', schoolId: school },
    // The 宿舍管理员 post: bed writes need it (or school-admin).
    staff: { username: 'zheng.guan', displayName: '郑管', role: 'school-staff', schoolId: school, posts: ['dormitory-manager'] },
  },
});

/** The open modal fits the phone's width: nothing to scroll sideways to reach a field or its OK button. */
async function fitsPhone(page: Page): Promise<void> {
  const box = await page.locator('.ant-modal-container').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  const ok = await page.locator('.ant-modal-footer .ant-btn-primary').boundingBox();
  expect(ok!.x + ok!.width).toBeLessThanOrEqual(390);
}

const modalGone = (page: Page) => page.locator('.ant-modal-container').waitFor({ state: 'detached' });

describe('dormitory edits (调宿、调换床位、床位数)', () => {
  it('the school admin registers a building with rooms 201 and 202 of 2 beds each', async () => {
    const { page, errors } = await open('admin', '/dormitories');
    await page.getByTestId('dorm-register').click();
    await page.getByTestId('dorm-name').fill('男生公寓2号楼');
    await choose(page, '[data-testid="dorm-gender"]', '男');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('dorm-list').getByText('男生公寓2号楼').click();
    await page.waitForURL(/\/dormitories\/[0-9a-f-]{36}$/);
    for (const room of ['201', '202']) {
      await page.getByTestId('dorm-add-room').click();
      await page.getByTestId('room-number').fill(room);
      await page.getByTestId('room-capacity').fill('2');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId(`bed-${room}-2`).waitFor();
    }
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the dormitory manager, on a 390 px phone, assigns two students, swaps their beds, moves one to a free bed and the other out', async () => {
    const { page, errors } = await open('staff', '/dormitories', PHONE_390);
    await page.getByTestId('dorm-list').getByText('男生公寓2号楼').click();
    for (const [bed, number, name] of [['201-1', '20260011', '陈明'], ['202-1', '20260012', '李强']] as const) {
      await page.getByTestId(`bed-${bed}`).click();
      await page.getByTestId('assign-number').fill(number);
      await page.getByTestId('assign-name').fill(name);
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId(`bed-${bed}`).getByText(name).waitFor();
    }

    // 调换床位: 陈明 (201-1) with 李强, picked by bed and name: nobody types a number the page only shows masked.
    await page.getByTestId('bed-201-1').click();
    await page.locator('[data-testid="bed-swap"]:visible').click();
    await fitsPhone(page);
    expect(await page.locator('.ant-modal input').count()).toBeLessThanOrEqual(2); // the picker's search and the time
    await page.getByTestId('swap-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请选择要调换的学生' }).waitFor();
    await choose(page, '[data-testid="swap-with"]', '202 房 1 号床 · 李强');
    await page.getByTestId('swap-ok').click();
    await modalGone(page);
    await page.getByTestId('bed-201-1').getByText('李强').waitFor();
    await page.getByTestId('bed-202-1').getByText('陈明').waitFor();

    // 调宿: 陈明 from 202-1 to the free bed 202-2; only free beds are offered.
    await page.getByTestId('bed-202-1').click();
    await page.locator('[data-testid="bed-move"]:visible').click();
    await fitsPhone(page);
    expect(await offeredOptions(page, '[data-testid="move-to"]')).toEqual(['202 房 2 号床', '201 房 2 号床']);
    await choose(page, '[data-testid="move-to"]', '202 房 2 号床');
    await page.getByTestId('move-ok').click();
    await modalGone(page);
    await page.getByTestId('bed-202-2').getByText('陈明').waitFor();
    await page.getByTestId('bed-202-1').getByText('空床').waitFor();
    expect(await page.getByTestId('dorm-occupancy').innerText()).toContain('2/4');

    // 退宿 stays the confirm's own button: 李强 moves out of 201-1.
    await page.getByTestId('bed-201-1').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page.getByTestId('bed-201-1').getByText('空床').waitFor();
    expect(await page.getByTestId('dorm-occupancy').innerText()).toContain('1/4');
    expect(await page.getByTestId('dorm-capacity-201').count()).toBe(1); // the post may change a room's capacity too, as the service allows
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the school admin adds a bed to room 202, never fewer than its highest occupied bed', async () => {
    const { page, errors } = await open('admin', '/dormitories', PHONE_390);
    await page.getByTestId('dorm-list').getByText('男生公寓2号楼').click();
    await page.getByTestId('dorm-capacity-202').click();
    await fitsPhone(page);
    await page.locator('.ant-modal').getByText('2 号床有人入住，床位数不能少于 2').waitFor();
    await page.getByTestId('capacity-input').fill('1');
    await page.getByTestId('capacity-reason').fill('撤一张床');
    await page.getByTestId('capacity-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '床位数为 2–12' }).waitFor();
    await page.getByTestId('capacity-input').fill('3');
    await page.getByTestId('capacity-reason').fill('新增一张床');
    await page.getByTestId('capacity-ok').click();
    await modalGone(page);
    await page.getByTestId('bed-202-3').getByText('空床').waitFor();
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });
});

describe('green area edits (面积变更、株数变更、撤销)', () => {
  it('the school admin resizes an area: the service\'s refusal shown in the form, then the new m² in the list', async () => {
    const { page, errors } = await open('admin', '/greening', PHONE_390);
    await page.getByTestId('green-register').click();
    await page.locator('.ant-modal input').nth(0).fill('北区草坪');
    await page.locator('.ant-modal input').nth(1).fill('北门东侧');
    await page.locator('.ant-modal input').nth(2).fill('800');
    await choose(page, '.ant-modal .ant-select', '草坪');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const row = page.getByTestId('green-areas').locator('tr', { hasText: '北区草坪' });
    await row.waitFor();

    await row.getByTestId('green-resize').click();
    await fitsPhone(page);
    await page.getByTestId('resize-area').fill('0');
    await page.getByTestId('resize-reason').fill('测量更正');
    await page.getByTestId('resize-ok').click();
    await page.getByTestId('resize-error').getByText('面积须大于 0 平方米').waitFor(); // the service's refusal
    await page.getByTestId('resize-area').fill('95.555');
    await page.locator('.ant-form-item-explain-error', { hasText: '最多两位小数' }).waitFor();
    await page.getByTestId('resize-area').fill('950.5');
    await page.getByTestId('resize-reason').fill('北侧扩建花坛');
    await page.getByTestId('resize-ok').click();
    await modalGone(page);
    await row.getByText(/^950\.50?$/).waitFor();
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('staff record that two trees died; the admin removes the area', async () => {
    const staff = await open('staff', '/greening', PHONE_390);
    expect(await staff.page.getByTestId('green-resize').count()).toBe(0); // resizing is the school admin's
    await staff.page.getByTestId('green-areas').getByText('北区草坪').click();
    const drawer = staff.page.locator('.ant-drawer');
    await drawer.getByPlaceholder('树种').fill('银杏');
    await drawer.getByPlaceholder('学名').fill('Ginkgo biloba');
    await drawer.getByPlaceholder('株数').fill('5');
    await drawer.getByPlaceholder('位置').fill('草坪北角');
    await drawer.getByRole('button', { name: '登记树木' }).click();
    await drawer.getByTestId('tree-count').click();
    await fitsPhone(staff.page);
    await staff.page.getByTestId('count-input').fill('3');
    await staff.page.locator('.ant-modal').getByText('减少 2 株').waitFor();
    await staff.page.getByTestId('count-reason').fill('枯死两株');
    await staff.page.getByTestId('count-ok').click();
    await modalGone(staff.page);
    await drawer.locator('tr', { hasText: '银杏' }).getByText('3', { exact: true }).waitFor();
    expect(unexpected(staff.errors)).toEqual([]);
    await staff.page.context().close();

    const { page, errors } = await open('admin', '/greening');
    const row = page.getByTestId('green-areas').locator('tr', { hasText: '北区草坪' });
    await row.getByText('3', { exact: true }).waitFor(); // the list's trees column follows the count
    await row.getByTestId('green-remove').click();
    await page.getByTestId('remove-reason').fill('改建教学楼');
    await page.getByTestId('remove-ok').click();
    await modalGone(page);
    await row.getByText('已撤销').waitFor();
    expect(await row.getByTestId('green-resize').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });
});
