import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Which PostgreSQL `npm start` uses (choose_database in infra/scripts/lib.sh), with the two probes stubbed: is the
// embedded server of an earlier `npm start` running, does a server answer on 127.0.0.1:5432.
const LIB = path.resolve(__dirname, '../../scripts/lib.sh');

interface Machine {
  HOUQIN_EMBEDDED_PG?: string;
  DATABASE_URL?: string;
  embeddedRunning: boolean;
  serverOn5432: boolean;
}

function choose({ embeddedRunning, serverOn5432, ...env }: Machine): { status: number | null; choice: string; why: string; output: string } {
  const script = [
    `source ${JSON.stringify(LIB)}`,
    `embedded_running() { return ${embeddedRunning ? 0 : 1}; }`,
    `tcp_answers() { [ "$1:$2" = 127.0.0.1:5432 ] && return ${serverOn5432 ? 0 : 1}; return 1; }`,
    'choose_database || exit $?',
    'printf "%s\\n%s\\n" "$DATABASE_CHOICE" "$DATABASE_WHY"',
  ].join('\n');
  const { HOUQIN_EMBEDDED_PG: _e, DATABASE_URL: _d, ...base } = process.env;
  const run = spawnSync('bash', ['-c', script], { env: { ...base, ...env }, encoding: 'utf8' });
  const [choice = '', why = ''] = run.stdout.split('\n');
  return { status: run.status, choice, why, output: `${run.stdout}${run.stderr}` };
}

describe('the PostgreSQL of npm start', () => {
  it.each<[string, Machine, string, RegExp]>([
    ['no DATABASE_URL, nothing on 5432: embedded', { embeddedRunning: false, serverOn5432: false }, 'embedded', /no server answers on 127\.0\.0\.1:5432/],
    ['a server on 5432: that server', { embeddedRunning: false, serverOn5432: true }, 'server', /a server answers on 127\.0\.0\.1:5432/],
    ['DATABASE_URL set: its server, even with nothing on 5432', { DATABASE_URL: 'postgres://db.district:5432/houqin', embeddedRunning: false, serverOn5432: false }, 'server', /DATABASE_URL is set/],
    ['DATABASE_URL set wins over a running embedded server', { DATABASE_URL: 'postgres://db.district:5432/houqin', embeddedRunning: true, serverOn5432: false }, 'server', /DATABASE_URL is set/],
    ['the embedded server of an earlier start still runs: kept, even with a server on 5432', { embeddedRunning: true, serverOn5432: true }, 'embedded', /runs already/],
    ['HOUQIN_EMBEDDED_PG=1: embedded, whatever answers on 5432', { HOUQIN_EMBEDDED_PG: '1', embeddedRunning: false, serverOn5432: true }, 'embedded', /HOUQIN_EMBEDDED_PG=1/],
    ['HOUQIN_EMBEDDED_PG=1 with DATABASE_URL: embedded', { HOUQIN_EMBEDDED_PG: '1', DATABASE_URL: 'postgres://db:5432/x', embeddedRunning: false, serverOn5432: false }, 'embedded', /HOUQIN_EMBEDDED_PG=1/],
    ['HOUQIN_EMBEDDED_PG=0: a server, even with nothing on 5432 and the embedded one running', { HOUQIN_EMBEDDED_PG: '0', embeddedRunning: true, serverOn5432: false }, 'server', /HOUQIN_EMBEDDED_PG=0/],
  ])('%s', (_name, machine, choice, why) => {
    const result = choose(machine);
    expect(result).toMatchObject({ status: 0, choice });
    expect(result.why).toMatch(why);
  });

  it('refuses another value of HOUQIN_EMBEDDED_PG', () => {
    const result = choose({ HOUQIN_EMBEDDED_PG: 'maybe', embeddedRunning: false, serverOn5432: false });
    expect(result.status).toBe(1);
    expect(result.output).toContain("HOUQIN_EMBEDDED_PG must be 1 or 0, not 'maybe'");
  });
});
