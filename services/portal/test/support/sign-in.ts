import { Browser, Page } from 'playwright-core';
import { DESK, watch } from './browser';
import { strongPassword } from './identity';

/** A journey's people's current passwords (the first login changes each initial one). */
export type Passwords<W extends string> = Record<W, string>;

/** Fills the login page's form and submits it. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * On the password page: replaces `current` with a new strong password and answers it. `filled` runs with the form
 * filled in, before it is sent (e.g. for a screenshot).
 */
export async function changePassword(page: Page, current: string, filled?: (page: Page) => Promise<void>): Promise<string> {
  const next = strongPassword();
  await page.getByTestId('password-current').fill(current);
  await page.getByTestId('password-new').fill(next);
  await page.getByTestId('password-confirm').fill(next);
  if (filled) await filled(page);
  await page.getByTestId('password-submit').click();
  return next;
}

/** Waits until the portal has left the login and password pages (signed in). */
export const signedIn = (page: Page) => page.waitForURL((url) => !/\/(login|password)$/.test(url.pathname));

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
  await submitLogin(page, username, passwords[who]);
  if (await page.waitForURL(/\/password$/, { timeout: 5_000 }).then(() => true, () => false)) {
    passwords[who] = await changePassword(page, passwords[who]);
  }
  await signedIn(page);
  if (route !== '/') await page.goto(`${portalUrl}${route}`);
  return { page, errors };
}
