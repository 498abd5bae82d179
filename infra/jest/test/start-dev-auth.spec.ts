import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { WORK_ORDER_CATEGORIES, WORK_ORDER_PRIORITIES } from '@houqin/contracts';

// Development tokens only under the explicit switch: choose_dev_auth in infra/scripts/lib.sh (what `npm start` gives the
// services), infra/scripts/token.js (`npm run token`), and the demo work orders of infra/scripts/seed-demo.js, which go
// through identity's login instead.
const SCRIPTS = path.resolve(__dirname, '../../scripts');

interface Machine {
  HOUQIN_DEV_AUTH?: string;
  NODE_ENV?: string;
  JWT_SECRET?: string;
  JWT_PUBLIC_KEY?: string;
  identityStarted: boolean;
}

const KEYS = ['HOUQIN_DEV_AUTH', 'NODE_ENV', 'JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_PRIVATE_KEY'];
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !KEYS.includes(k)));

function choose({ identityStarted, ...env }: Machine) {
  const script = [
    `source ${JSON.stringify(path.join(SCRIPTS, 'lib.sh'))}`,
    `choose_dev_auth ${identityStarted ? 1 : 0} || exit $?`,
    'printf "%s\\n%s\\n%s\\n" "$DEV_AUTH" "$DEV_AUTH_WHY" "${HOUQIN_DEV_AUTH-<unset>}"',
  ].join('\n');
  const run = spawnSync('bash', ['-c', script], { env: { ...cleanEnv(), ...env }, encoding: 'utf8' });
  const [choice = '', why = '', exported = ''] = run.stdout.split('\n');
  return { status: run.status, choice, why, exported, output: `${run.stdout}${run.stderr}` };
}

describe('development tokens of npm start (choose_dev_auth)', () => {
  it.each<[string, Machine, string, string, RegExp]>([
    ['unset, identity started: off, identity tokens only', { identityStarted: true }, 'off', '<unset>', /identity's tokens only/],
    ['empty, no key of its own: still off (no more implicit development tokens)', { HOUQIN_DEV_AUTH: '', identityStarted: true }, 'off', '<unset>', /HOUQIN_DEV_AUTH=1 is not set/],
    ['0: off, and unset for the services', { HOUQIN_DEV_AUTH: '0', identityStarted: true }, 'off', '<unset>', /identity's tokens only/],
    ['1: on, exported to the services', { HOUQIN_DEV_AUTH: '1', identityStarted: true }, 'on', '1', /HOUQIN_DEV_AUTH=1 is set/],
    ['1 without identity: on (the tokens of npm run token)', { HOUQIN_DEV_AUTH: '1', identityStarted: false }, 'on', '1', /HOUQIN_DEV_AUTH=1 is set/],
    ['unset without identity but with JWT_SECRET: off, that key only', { JWT_SECRET: 'x'.repeat(32), identityStarted: false }, 'off', '<unset>', /JWT_SECRET/],
  ])('%s', (_name, machine, choice, exported, why) => {
    const result = choose(machine);
    expect(result).toMatchObject({ status: 0, choice, exported });
    expect(result.why).toMatch(why);
  });

  it.each<[string, Machine, RegExp]>([
    ['unset, no identity, no key: the services could verify nothing', { identityStarted: false }, /identity is not started and no JWT_SECRET or JWT_PUBLIC_KEY is set/],
    ['1 with NODE_ENV=production', { HOUQIN_DEV_AUTH: '1', NODE_ENV: 'production', identityStarted: true }, /refused with NODE_ENV=production/],
    ['another value (libs/auth would read it as off)', { HOUQIN_DEV_AUTH: 'true', identityStarted: true }, /must be 1 \(development tokens\) or 0 \/ unset \(none\), not 'true'/],
  ])('refuses %s', (_name, machine, message) => {
    const result = choose(machine);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(message);
  });
});

describe('npm run token (infra/scripts/token.js)', () => {
  const token = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(SCRIPTS, 'token.js'), '--role', 'auditor', '--sub', 'sun.shen'], { env: { ...cleanEnv(), ...env }, encoding: 'utf8' });

  it.each<[string, Record<string, string>]>([
    ['without the switch', {}],
    ['with HOUQIN_DEV_AUTH=0', { HOUQIN_DEV_AUTH: '0' }],
    ['with a key but without the switch', { JWT_SECRET: 'y'.repeat(32) }],
  ])('refuses %s, saying how to get a token (zh + en)', (_name, env) => {
    const run = token(env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('development tokens are off');
    expect(run.stderr).toContain('HOUQIN_DEV_AUTH=1');
    expect(run.stderr).toContain('开发令牌未开启');
    expect(run.stderr).toContain('/api/identity/auth/login');
  });

  it('refuses the switch with NODE_ENV=production', () => {
    const run = token({ HOUQIN_DEV_AUTH: '1', NODE_ENV: 'production' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('NODE_ENV=production');
  });

  it('mints under HOUQIN_DEV_AUTH=1', () => {
    const run = token({ HOUQIN_DEV_AUTH: '1' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

describe('demo work orders (infra/scripts/seed-demo.js)', () => {
  const { districtSchools, demoAccounts, workOrderSchools } = require(path.join(SCRIPTS, 'seed-demo.js'));

  it('are made by seeding accounts of registered schools, on phones of no demo person', () => {
    const codes = districtSchools.map((s: { code: string }) => s.code);
    const phones = demoAccounts.map((a: { phone: string }) => a.phone);
    const seedPhones = workOrderSchools.flatMap((s: { phones: string[] }) => s.phones);
    for (const school of workOrderSchools) expect(codes).toContain(school.code);
    for (const phone of seedPhones) {
      expect(phones).not.toContain(phone);
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(new Set(seedPhones).size).toBe(2 * workOrderSchools.length);
  });

  it('have valid fields and steps in order, within the 24 h of a timely entry (none marked 补录 late)', () => {
    for (const { orders } of workOrderSchools) {
      for (const order of orders) {
        expect(WORK_ORDER_CATEGORIES).toContain(order.report.category);
        expect(WORK_ORDER_PRIORITIES).toContain(order.report.priority);
        expect(order.report.title).toMatch(/\p{Script=Han}/u);
        expect(order.report.location).toMatch(/\p{Script=Han}/u);
        // 报修, 派单/派工, 开工, 费用, 完工, 返修, 再完工, 验收: hours before the anchor.
        const steps = [order.at, (order.assigned ?? order.dispatched)?.[0], order.started, order.costs?.[0], order.completed, order.reopened?.[0], order.completedAgain, order.verified?.[0]];
        const given = steps.filter((h) => h !== undefined);
        // Report and assignment first, completion before a reopening or a verification; each step later than the one
        // before (fewer hours before the anchor). Start and costs are optional steps between assignment and completion.
        expect(steps.slice(0, 2).filter((h) => h !== undefined)).toEqual(given.slice(0, Math.min(2, given.length)));
        if (order.reopened || order.completedAgain !== undefined || order.verified) expect(order.completed).toBeDefined();
        if (order.completedAgain !== undefined) expect(order.reopened).toBeDefined();
        for (let i = 1; i < given.length; i++) expect(given[i]).toBeLessThan(given[i - 1]);
        expect(order.at).toBeLessThan(24);
        expect(given[given.length - 1]).toBeGreaterThan(0);
      }
    }
  });
});
