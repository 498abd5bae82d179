import { randomInt, randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { token } from '@houqin/testing';
import { DESK, launch, watch } from './browser';
import { createAccount, Person, registerSchool, strongPassword } from './identity';
import { changePassword, signedIn, submitLogin } from './sign-in';
import { crashesOf, stackDescription, StackService } from './stack';

/**
 * What a journey spec needs of the stack all the journeys share (started once per Jest run by global-setup.ts):
 * its URLs, a school of the spec's own with its people, `open` (a browser signed in as one of them) and the console
 * errors that count. Every spec shares identity, facilities, bureau and audit with the others, so its data must be
 * its own: its own school codes, usernames suffixed with its first school's code, phones no one else has, and
 * district-wide figures asserted per school.
 */
const description = stackDescription();

export const stack = {
  /** The gateway, serving the built portal in front of every service. */
  portal: description.urls.gateway,
  url: (service: StackService) => description.urls[service],
  /** A service's schema (e.g. to read facilities' tables when a journey fails). */
  schema: (service: Exclude<StackService, 'gateway'>) => `${description.run}_${service}`,
  logs: description.logs,
};

/** A school code of the spec's own: its letter and six hex digits. */
export const schoolCode = (letter: string) => `${letter}${randomUUID().slice(0, 6)}`;

/** A mobile number (identity refuses a phone another account has; a drawn one that is taken is drawn again). */
export const drawPhone = () => `139${String(randomInt(100_000_000)).padStart(8, '0')}`;

/** Console errors other than the browser's own line for an HTTP error status the page then explains. */
export const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of (4\d\d|503)/.test(e));

/** A person of a journey, before the spec's suffix and a phone are given. */
export type Draft = Omit<Person, 'phone'>;

export interface Journey<W extends string> {
  /** The people as identity knows them: usernames with the suffix, their phones. */
  people: Record<W, Person>;
  /** Each person's password: the initial one until their first login changes it. */
  passwords: Record<W, { current: string; changed: boolean }>;
  /** The spec's Chromium (launched before its first test). */
  readonly browser: Browser;
  /** Appends the spec's suffix to a username (e.g. of an account a journey creates in the portal). */
  username(base: string): string;
  /**
   * Logs in on the login page `page` shows. At a person's first login the portal must force the change of the
   * initial password (asserted); `filled` runs with the new password filled in, before it is sent.
   */
  logIn(page: Page, who: W, filled?: (page: Page) => Promise<void>): Promise<void>;
  /** A new browser context signed in as `who`, at `route`, with its console errors collected. */
  open(who: W, route: string, options?: object): Promise<{ page: Page; errors: string[] }>;
}

/**
 * Registers the spec's schools (code → name; primary schools) and its people's accounts with initial passwords
 * before its first test, by a development system-admin token (identity accepts it under HOUQIN_DEV_AUTH=1), and
 * launches Chromium; closes it after the last. Fails the spec, naming the log, when a service of the stack died.
 */
export function journey<W extends string>(setup: { schools: Record<string, string>; people: Record<W, Draft> }): Journey<W> {
  const suffix = Object.keys(setup.schools)[0].toLowerCase();
  const username = (base: string) => `${base}.${suffix}`;
  const who = Object.keys(setup.people) as W[];
  const people = Object.fromEntries(who.map((w) => [w, { ...setup.people[w], username: username(setup.people[w].username), phone: drawPhone() }])) as Record<W, Person>;
  const passwords = Object.fromEntries(who.map((w) => [w, { current: strongPassword(), changed: false }])) as Journey<W>['passwords'];
  let browser: Browser | undefined;

  beforeAll(async () => {
    stackAlive();
    const sysadmin = token({ sub: 'test.sysadmin', role: 'system-admin' });
    const identity = { url: stack.url('identity') };
    for (const [code, name] of Object.entries(setup.schools)) await registerSchool(identity, sysadmin, code, name);
    for (const w of who) {
      for (let attempt = 1; ; attempt++) {
        try {
          await createAccount(identity, sysadmin, people[w], passwords[w].current);
          break;
        } catch (err) {
          if (attempt >= 5 || !String(err).includes('phone-taken')) throw err;
          people[w].phone = drawPhone();
        }
      }
    }
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    stackAlive();
  });

  const logIn = async (page: Page, w: W, filled?: (page: Page) => Promise<void>) => {
    const password = passwords[w];
    await submitLogin(page, people[w].username, password.current);
    if (!password.changed) {
      await page.waitForURL(/\/password$/);
      await page.getByTestId('password-forced').waitFor();
      password.current = await changePassword(page, password.current, filled);
      password.changed = true;
    }
    await signedIn(page);
  };

  const launched = () => {
    if (!browser) throw new Error('the browser is launched before the first test');
    return browser;
  };

  return {
    people,
    passwords,
    get browser() {
      return launched();
    },
    username,
    logIn,
    async open(w, route, options = DESK) {
      const context = await launched().newContext(options);
      const page = await context.newPage();
      const errors = watch(page);
      await page.goto(`${stack.portal}/login`);
      await logIn(page, w);
      if (route !== '/') await page.goto(`${stack.portal}${route}`);
      return { page, errors };
    },
  };
}

function stackAlive(): void {
  const crashes = crashesOf(description);
  if (crashes) throw new Error(`the journeys' shared stack lost a service:\n${crashes}`);
}
