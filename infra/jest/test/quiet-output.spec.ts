import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Runs the fixture suite (one passing, one failing test, both noisy) in a Jest of its own; its whole output. */
function runFixture(env: Record<string, string | undefined>): { status: number | null; output: string } {
  const { HOUQIN_TEST_VERBOSE: _v, LOG_LEVEL: _l, ...base } = process.env;
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '-c', path.join(__dirname, 'fixtures/jest.config.js'), '--ci'], {
    // No HOUQIN_TEST_RESULTS_DIR: its intended failure must not count in the summary of `npm test`.
    env: { ...base, HOUQIN_TEST_RESULTS_DIR: '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const sources = ['console', 'nest', 'kafkajs'];

describe('console output of the tests', () => {
  it('is printed for a failing test only: the expected errors of a passing test stay quiet', () => {
    const { status, output } = runFixture({});
    expect(status).toBe(1);
    expect(output).toContain('1 failed, 1 passed');
    for (const source of sources) {
      expect(output).toContain(`${source} CONTEXT-OF-THE-FAILURE`);
      expect(output).not.toContain(`${source} EXPECTED-NOISE`);
    }
  });

  it.each([{ HOUQIN_TEST_VERBOSE: '1' }, { LOG_LEVEL: 'debug' }])('is printed in full with %o', (env) => {
    const { output } = runFixture(env);
    for (const source of sources) {
      expect(output).toContain(`${source} EXPECTED-NOISE`);
      expect(output).toContain(`${source} CONTEXT-OF-THE-FAILURE`);
    }
  });
});
