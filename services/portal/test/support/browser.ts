import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, devices, Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium fonts-noto-cjk); playwright-core never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.resolve(__dirname, '../../../../docs/portal');

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });

export const PHONE = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
export const DESK = { viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true };

/** Fails the test on an uncaught page error; collects console errors for the assertion at the end. */
export function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Picks an option of an antd Select (its dropdown renders at the end of the body, and animates in): opens it and
 * clicks the option, again if the dropdown closed in between, until the select shows the choice.
 */
export async function choose(page: Page, select: string, option: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.locator(select).click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    try {
      await item.click({ timeout: 3_000 });
      await page.locator(select).getByText(option).waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * The options an antd Select offers, as the user reads them once its dropdown is open: opened again if the dropdown
 * closed before it could be read (a refetch that re-renders the page can close it while it animates in).
 */
export async function offeredOptions(page: Page, select: string): Promise<string[]> {
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  let texts: string[] = [];
  for (let attempt = 0; attempt < 4 && texts.length === 0; attempt++) {
    await page.locator(select).click();
    await options.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
    texts = await options.allInnerTexts();
    // Escape only closes an open dropdown: with none open, it would close the modal the select is in.
    if (await page.locator('.ant-select-dropdown:visible').count()) await page.keyboard.press('Escape');
  }
  return texts;
}
