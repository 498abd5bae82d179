import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ACCOUNT_POSTS } from '@houqin/contracts';
import { authConfigFromEnv } from './config';
import { verifyToken } from './jwt';

// infra/scripts/token.js duplicates the defaults of authConfigFromEnv; this keeps them in step.
const script = join(__dirname, '../../../infra/scripts/token.js');
const runWith = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
const run = (...args: string[]) => runWith({ HOUQIN_DEV_AUTH: '1' }, ...args);

describe('infra/scripts/token.js', () => {
  it('mints a token that the services accept', () => {
    const { status, stdout } = run('--role', 'school-staff', '--school', 'S001', '--sub', 'li.lei', '--name', '李雷');
    expect(status).toBe(0);
    expect(verifyToken(stdout.trim(), authConfigFromEnv({ HOUQIN_DEV_AUTH: '1' }))).toEqual({ sub: 'li.lei', name: '李雷', role: 'school-staff', schoolId: 'S001' });
  });

  it('mints the posts (岗位), comma-separated or repeated, and knows every post of the contracts', () => {
    const [first, ...rest] = ACCOUNT_POSTS;
    const { status, stdout } = run('--role', 'school-staff', '--school', 'S001', '--sub', 'li.lei', '--posts', first, '--posts', rest.join(','));
    expect(status).toBe(0);
    expect(verifyToken(stdout.trim(), authConfigFromEnv({ HOUQIN_DEV_AUTH: '1' })).posts).toEqual([...ACCOUNT_POSTS]);
  });

  it('refuses the development secret without the switch', () => {
    const { status, stderr } = runWith({ HOUQIN_DEV_AUTH: '0' }, '--role', 'auditor', '--sub', 'a');
    expect(status).toBe(1);
    expect(stderr).toContain('HOUQIN_DEV_AUTH=1');
  });

  it.each([
    [['--role', 'school-staff', '--sub', 'li.lei']],
    [['--role', 'auditor', '--school', 'S001', '--sub', 'a']],
    [['--role', 'janitor', '--sub', 'a']],
    [['--role', 'auditor']],
    [['--role', 'auditor', '--sub', 'a', '--ttl', 'forever']],
    [['--role', 'school-staff', '--school', 'S001', '--sub', 'a', '--posts', 'janitor']],
    [['--role', 'auditor', '--sub', 'a', '--posts', 'dormitory-manager']],
    [['--unknown']],
  ])('exits 2 with the usage on misuse: %j', (args) => {
    const { status, stdout, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage:');
  });
});
