import { Browser, Page } from 'playwright-core';
import { DESK, watch } from './browser';
import { strongPassword } from './identity';

/** A journey's people's current passwords (the first login changes each initial one). */
export type Passwords<W extends string> = Record<W, string>;

/**
 * Opens a new browser context signed in as `username`: logs in, changes the initial password when the portal asks
 * (remembering the new one in `passwords`), then goes to `route`. Answers the page and its collected console errors.
 */
export async function signIn<W extends string>(
  browser: Browser,
  portalUrl: string,
  who: W,
  username: string,
  passwords: Passwords<W>,
  route: string,
  options: object = DESK,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(`${portalUrl}/login`);
  await page.getByTestId('login-username').fill(username);
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
  if (route !== '/') await page.goto(`${portalUrl}${route}`);
  return { page, errors };
}
