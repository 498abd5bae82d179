import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { authConfigFromEnv } from './config';
import { verifyToken } from './jwt';

// infra/scripts/token.js duplicates the defaults of authConfigFromEnv; this keeps them in step.
const script = join(__dirname, '../../../infra/scripts/token.js');
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });

describe('infra/scripts/token.js', () => {
  it('mints a token that the services accept', () => {
    const { status, stdout } = run('--role', 'school-staff', '--school', 'S001', '--sub', 'li.lei', '--name', '李雷');
    expect(status).toBe(0);
    expect(verifyToken(stdout.trim(), authConfigFromEnv({}))).toEqual({ sub: 'li.lei', name: '李雷', role: 'school-staff', schoolId: 'S001' });
  });

  it.each([
    [['--role', 'school-staff', '--sub', 'li.lei']],
    [['--role', 'auditor', '--school', 'S001', '--sub', 'a']],
    [['--role', 'janitor', '--sub', 'a']],
    [['--role', 'auditor']],
    [['--role', 'auditor', '--sub', 'a', '--ttl', 'forever']],
    [['--unknown']],
  ])('exits 2 with the usage on misuse: %j', (args) => {
    const { status, stdout, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage:');
  });
});
