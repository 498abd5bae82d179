import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The lint rules keep every service's `src/domain` pure: no clock, no randomness, no I/O.
 * Runs the workspace's ESLint (its Node API, in a child process: the config is an ES module)
 * on the same code under a domain folder and under an application folder.
 */
const root = path.resolve(__dirname, '../../..');

function lint(files: Record<string, string>): Record<string, string[]> {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)}, overrideConfigFile: 'eslint.config.mjs' });
      const files = JSON.parse(process.argv[1]);
      const out = {};
      for (const [filePath, code] of Object.entries(files)) {
        const [result] = await eslint.lintText(code, { filePath });
        out[filePath] = result.messages.map((m) => m.ruleId + ': ' + m.message);
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(2); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(files)], { cwd: root, encoding: 'utf8' }));
}

const cases: Record<string, string> = {
  clock: 'export const at = () => new Date().toISOString();\n',
  now: 'export const at = () => Date.now();\n',
  random: 'export const pick = () => Math.random();\n',
  fs: "import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync('x');\n",
  env: "export const flag = () => process.env['X'];\n",
  network: "export const get = () => fetch('http://example.com');\n",
};
const pure = "export const deadline = (reportedAt: string, hours: number) => new Date(new Date(reportedAt).getTime() + hours * 3600_000).toISOString();\n";

describe('domain purity lint', () => {
  let results: Record<string, string[]>;
  beforeAll(() => {
    const files: Record<string, string> = { 'services/facilities/src/domain/pure.ts': pure };
    for (const [name, code] of Object.entries(cases)) {
      files[`services/facilities/src/domain/${name}.ts`] = code;
      files[`services/facilities/src/application/${name}.ts`] = code;
    }
    results = lint(files);
  }, 120_000);

  it.each(Object.keys(cases))('refuses %s in a domain folder, naming why', (name) => {
    const messages = results[`services/facilities/src/domain/${name}.ts`];
    expect(messages.some((m) => /no-restricted-(syntax|globals|imports)/.test(m))).toBe(true);
  });

  it.each(Object.keys(cases))('leaves %s alone under src/application', (name) => {
    expect(results[`services/facilities/src/application/${name}.ts`].filter((m) => /no-restricted/.test(m))).toEqual([]);
  });

  it('lets the domain parse and compute with times it was given', () => {
    expect(results['services/facilities/src/domain/pure.ts']).toEqual([]);
  });

  it('names the way out for new Date()', () => {
    expect(results['services/facilities/src/domain/clock.ts'].join('\n')).toMatch(/command\.metadata\.now/);
  });
});
