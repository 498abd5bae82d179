import { crc32, deflateSync } from 'node:zlib';
import { Page } from 'playwright-core';
import { call, eventually, token } from '@houqin/testing';
import { choose, PHONE, shot } from './support/browser';
import { journey, schoolCode, stack, unexpected } from './support/journey';

/**
 * Journeys of the facilities dashboard and of photos on a repair, in Debian's Chromium against the real services
 * through the gateway: the bureau official opens 设施设备 and sees the work-order figures; school staff attach a photo
 * while reporting (and another on the detail page), and see the photos and the timeline of real events, with names.
 */
const school = schoolCode('F');
const { open } = journey({
  schools: { [school]: '城南小学' },
  people: {
    staff: { username: 'zhou.min', displayName: '周敏', role: 'school-staff', schoolId: school },
    official: { username: 'qian.ju', displayName: '钱局', role: 'bureau-official' },
  },
});
const title = `卫生间水龙头漏水 ${school}`;

/** A small real PNG (a red square), so the browser draws the thumbnail. */
function png(size = 16): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([220, 40, 40]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const kpi = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).locator('.ant-statistic-content-value').innerText();

describe('facilities dashboard and repair photos', () => {
  let openBefore = 0;

  it('the bureau official opens 设施设备 from the menu and sees the work-order figures', async () => {
    const { page, errors } = await open('official', '/');
    await page.getByTestId('nav-menu').getByText('设施设备').click();
    await page.waitForURL(/\/facilities-dashboard$/);
    await page.getByTestId('section-work-orders').waitFor();
    await eventually(async () => ((await kpi(page, 'fac-open')) !== '—' ? true : undefined));
    openBefore = Number(await kpi(page, 'fac-open'));
    expect(Number.isInteger(openBefore)).toBe(true);
    expect(await kpi(page, 'fac-schools')).toMatch(/^\d+$/);
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('school staff attach a photo while reporting, and see it and the timeline on the detail page', async () => {
    const { page, errors } = await open('staff', '/repairs/new', PHONE);
    await page.getByTestId('report-title').fill(title);
    await page.getByTestId('report-location').fill('教学楼1层卫生间');
    await choose(page, '[data-testid="report-category"]', '给排水');
    // A PDF named .jpg is refused in the form already (by its first bytes), and nothing is kept.
    await page.locator('[data-testid="photo-upload"] input[type=file]').setInputFiles({ name: 'leak.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 not a photo') });
    await page.getByTestId('photo-error').waitFor();
    await page.locator('[data-testid="photo-upload"] input[type=file]').setInputFiles({ name: '漏水.png', mimeType: 'image/png', buffer: png() });
    await page.locator('.ant-upload-list-item', { hasText: '漏水.png' }).waitFor();
    await shot(page, 'staff-report-photo');
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/repairs$/);
    const item = page.getByTestId('repair-item').filter({ hasText: title });
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await page.waitForURL(/\/repairs\/[0-9a-f-]{36}$/);

    // The timeline from facilities' events: the report and the photo, by the staff member's display name.
    await page.getByTestId('timeline-WorkOrderReported').waitFor();
    await page.getByTestId('timeline-AttachmentUploaded').waitFor();
    expect(await page.getByTestId('timeline-WorkOrderReported').innerText()).toContain('周敏');
    expect(await page.getByTestId('timeline-AttachmentUploaded').innerText()).toContain('上传照片：漏水.png');
    const thumbnails = page.getByTestId('photos').locator('img');
    await thumbnails.first().waitFor();
    await eventually(async () => ((await thumbnails.first().evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)) === 16 ? true : undefined));

    // A second photo from the detail page: uploaded at once, listed beside the first.
    await page.locator('[data-testid="repair-timeline"] [data-testid="photo-upload"] input[type=file]').setInputFiles({ name: '水管.png', mimeType: 'image/png', buffer: png(24) });
    await eventually(async () => ((await thumbnails.count()) === 2 ? true : undefined));
    await eventually(async () => ((await page.getByTestId('timeline-AttachmentUploaded').count()) === 2 ? true : undefined));
    await shot(page, 'staff-repair-timeline-photos');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });

  it('the bureau official sees the new open repair on the facilities dashboard', async () => {
    const { page, errors } = await open('official', '/facilities-dashboard');
    await page.getByTestId('section-work-orders').waitFor();
    // The district is shared with the other journeys: the bureau counts this school's repair as its one open repair,
    // and the dashboard shows the bureau's district figure, which holds it. The section refreshes itself every 15 s.
    const bureau = token({ sub: 'test.official', role: 'bureau-official' });
    const figures = async (path: string) => (await call('GET', `${stack.url('bureau')}/statistics/work-orders/${path}`, { token: bureau })).body as { open: number };
    await eventually(async () => {
      if ((await figures(`schools/${school}`)).open !== 1) return undefined;
      return Number(await kpi(page, 'fac-open')) === (await figures('district')).open ? true : undefined;
    }, 45_000, 1_000);
    expect(Number(await kpi(page, 'fac-open'))).toBeGreaterThanOrEqual(openBefore + 1);
    await shot(page, 'bureau-facilities');
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  });
});
