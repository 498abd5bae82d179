import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { Topics } from '@houqin/contracts';
import { createKafka, topicName } from '@houqin/messaging';
import { httpAdapterName } from '@houqin/platform';
import { eventually, Platform, relayBacklog, sql, token } from '@houqin/testing';
import { ASSET_COMMAND, commandLoad } from './commands';
import { dashboardQuery } from './dashboard';
import { freshness } from './freshness';
import { projectionsBehind, readModelCatchUp } from './catch-up';
import { addHistory, countEvents } from './history';
import { queryPlans } from './plans';
import { cpuPerCommand, CpuPerCommand, Part, sampleCpu } from './cpu-usage';
import { LoadResult, rawInserts } from './raw-inserts';
import { generateHistory, rawConsume } from './replay';
import { writeReport } from './report';
import { Figure, figure, show } from './stats';

/**
 * `npm run bench`: every measurement in one run on this machine, next to the raw speed
 * of PostgreSQL and Kafka; prints one table and writes docs/benchmarks.md + .json.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RUNS = env('BENCH_RUNS', 3);
const SECONDS = env('BENCH_SECONDS', 5);
const FRESHNESS_SECONDS = env('BENCH_FRESHNESS_SECONDS', 30);
const FRESHNESS_RATES = (process.env['BENCH_FRESHNESS_RATES'] ?? '200,500').split(',').map(Number);
const REPLAY_WORK_ORDERS = env('BENCH_REPLAY_WORK_ORDERS', 50_000);
/** Before each measured concurrency: JIT, pools and prepared statements warm (the first seconds run ~20 % slower). */
const WARM_UP_SECONDS = 5;
const CONCURRENCIES = (process.env['BENCH_CONCURRENCIES'] ?? '1,4,16').split(',').map(Number);
/** BENCH_ONLY=commands|replay|catch-up: only that section, printed, nothing written (for profiling). */
const ONLY = process.env['BENCH_ONLY'];
/** How much unseen history the read models' catch-up is measured on. */
const CATCH_UP_EVENTS = env('BENCH_CATCH_UP_EVENTS', 200_000);
const wanted = (section: 'commands' | 'replay') => !ONLY || ONLY === section;

const platform = new Platform();
const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

async function repeat<T>(label: string, run: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < RUNS; i++) {
    results.push(await run());
    log(`  ${label} run ${i + 1}/${RUNS} done`);
  }
  return results;
}

const pick = <T>(results: T[], key: keyof T): Figure => figure(results.map((r) => Number(r[key])));

const showCpu = (cpu: CpuPerCommand) =>
  `${cpu.total.toFixed(2)} ms (${Object.entries(cpu.perCommand).map(([part, ms]) => `${part} ${ms.toFixed(2)}`).join(', ')}), machine ${cpu.machineCores.toFixed(2)} cores busy`;

/** Runs load and answers, beside its results, the CPU each part of the pipeline spent per answered command. */
async function withCpu<T extends LoadResult>(load: () => Promise<T[]>): Promise<[T[], CpuPerCommand]> {
  const pids = new Map<number, Part>([[process.pid, 'load generator']]);
  for (const service of ['facilities', 'bureau', 'audit'] as const) {
    const pid = platform.process(service)?.pid;
    if (pid) pids.set(pid, service);
  }
  const before = sampleCpu(pids);
  const runs = await load();
  const answered = runs.reduce((n, r) => n + r.throughput * SECONDS, 0);
  return [runs, cpuPerCommand(before, sampleCpu(pids), answered)];
}

async function main() {
  await platform.start();
  const facilitiesSchema = platform.schema('facilities');
  const staff = token({ sub: 'bench.user', role: 'school-staff', schoolId: 'S900' });
  const admin = token({ sub: 'bench.admin', role: 'school-admin', schoolId: 'S900' });
  const official = token({ sub: 'bench.official', role: 'bureau-official' });
  const auditor = token({ sub: 'bench.auditor', role: 'auditor' });
  const scratch = `${platform.run}_raw`;
  await sql('public', `CREATE SCHEMA IF NOT EXISTS ${scratch}`);
  if (ONLY === 'catch-up') return void (await catchUpOnly());

  // The services inherit this process's environment (Platform), HTTP_ADAPTER included.
  log(`commands vs raw inserts (HTTP adapter: ${httpAdapterName()})`);
  const commands = [];
  for (const c of wanted('commands') ? CONCURRENCIES : []) {
    await commandLoad({ url: platform.url('facilities'), token: staff, connections: c, seconds: WARM_UP_SECONDS });
    const raw = await repeat(`raw INSERT…COMMIT c=${c}`, () => rawInserts(scratch, c, SECONDS, 'transaction'));
    const autocommit = await repeat(`raw autocommit INSERT c=${c}`, () => rawInserts(scratch, c, SECONDS, 'autocommit'));
    const [cmd, cpu] = await withCpu(() => repeat(`command c=${c}`, () => commandLoad({ url: platform.url('facilities'), token: staff, connections: c, seconds: SECONDS })));
    const rawThroughput = pick(raw, 'throughput');
    const cmdThroughput = pick(cmd, 'throughput');
    commands.push({
      concurrency: c,
      raw: { throughput: rawThroughput, p50: pick(raw, 'p50'), p99: pick(raw, 'p99') },
      autocommit: { throughput: pick(autocommit, 'throughput'), p50: pick(autocommit, 'p50'), p99: pick(autocommit, 'p99') },
      command: { throughput: cmdThroughput, p50: pick(cmd, 'p50'), p99: pick(cmd, 'p99'), non2xx: cmd.reduce((n, r) => n + r.non2xx + r.errors, 0) },
      ratio: cmdThroughput.median / rawThroughput.median,
      ratioToAutocommit: cmdThroughput.median / pick(autocommit, 'throughput').median,
      cpu,
    });
    log(`  c=${c}: raw ${show(rawThroughput, 0)}/s, command ${show(cmdThroughput, 0)}/s, ratio ${(cmdThroughput.median / rawThroughput.median).toFixed(2)}; CPU per command ${showCpu(cpu)}`);
  }

  await secondAggregate(commands, admin);
  await commandPathAlone(commands, staff);
  if (ONLY === 'commands') return;

  log('freshness school → bureau');
  const fresh = [];
  for (const rate of ONLY ? [] : FRESHNESS_RATES) {
    const runs = await repeat(`freshness ${rate}/s`, () => freshness(platform.url('facilities'), staff, platform.schema('bureau'), rate, FRESHNESS_SECONDS));
    fresh.push({ rate, seconds: FRESHNESS_SECONDS, achievedRate: pick(runs, 'achievedRate'), p50: pick(runs, 'p50'), p99: pick(runs, 'p99'), max: pick(runs, 'max') });
    log(`  ${rate}/s: p50 ${show(fresh[fresh.length - 1].p50)} ms, p99 ${show(fresh[fresh.length - 1].p99)} ms`);
  }

  if (ONLY === 'replay') return void (await measureReplay(auditor));
  log('cost growth: first measurement');
  const before = await costPoint(facilitiesSchema, staff, official);
  const added = before.events * 9;
  log(`  adding ${added} events of history (10× the ${before.events} in the store)`);
  // Stopped (after its relay caught up) so that it cannot publish the weight-only history.
  await eventually(async () => ((await relayBacklog(facilitiesSchema)) === 0 ? true : undefined), 60_000, 250);
  await platform.stopService('facilities');
  await addHistory(facilitiesSchema, platform.schema('bureau'), added, `${platform.run}h`);
  await platform.startService('facilities');
  // The history went in behind facilities' read models: they work it off first (measured: a rebuild pays this rate),
  // then the second point is taken on a store at rest.
  const catchUp = await readModelCatchUp(facilitiesSchema, added, log);
  log(`  read models caught up on ${added} events in ${catchUp.seconds.toFixed(1)} s: ${catchUp.perSecond.toFixed(0)} events/s`);
  const after = await costPoint(facilitiesSchema, staff, official);

  const replay = await measureReplay(auditor);

  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    settings: { runs: RUNS, seconds: SECONDS, freshnessSeconds: FRESHNESS_SECONDS },
    commands,
    freshness: fresh,
    replay,
    catchUp,
    costGrowth: { before, after, commandP50Ratio: after.commandP50.median / before.commandP50.median, dashboardP50Ratio: after.dashboardP50.median / before.dashboardP50.median },
  };
  writeReport(results);
  await sql('public', `DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
}

/** Facilities' read models working off history they have not seen (facilities stopped while it is inserted). */
async function catchUpOnly() {
  log(`read models' catch-up on ${CATCH_UP_EVENTS} events of unseen history`);
  await platform.stopService('facilities');
  await addHistory(platform.schema('facilities'), platform.schema('bureau'), CATCH_UP_EVENTS, `${platform.run}c`);
  await platform.startService('facilities');
  const result = await readModelCatchUp(platform.schema('facilities'), CATCH_UP_EVENTS, log);
  log(`  ${result.events} events in ${result.seconds.toFixed(1)} s: ${result.perSecond.toFixed(0)} events/s; waits ${JSON.stringify(result.waits)}`);
  return result;
}

/** The audit's rebuild from the first event vs a plain kafkajs consumer of the same topic. */
async function measureReplay(auditor: string) {
  log(`replay vs raw consume: generating ${REPLAY_WORK_ORDERS * 4} events`);
  await platform.stopService('bureau'); // the replay and the raw reader get the machine to themselves
  const kafkaConfig = { clientId: 'bench', brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), topicPrefix: platform.topicPrefix };
  const kafka = createKafka(kafkaConfig);
  const topic = topicName(kafkaConfig, Topics.facilitiesEvents);
  await generateHistory(kafkaConfig, kafka, topic, REPLAY_WORK_ORDERS, 200);
  const audits: { messages: number; perSecond: number }[] = [];
  const raws: { messages: number; perSecond: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await rawConsume(kafka, topic);
    raws.push({ messages: r.messages, perSecond: r.messages / r.seconds });
    const a = await post(`${platform.url('audit')}/audit/rebuilds/work-order-figures?compare=false`, auditor);
    audits.push({ messages: a.messagesReplayed, perSecond: (a.messagesReplayed * 1000) / a.durationMs });
    log(`  run ${i + 1}/${RUNS}: raw ${Math.round(raws[i].perSecond)}/s, audit rebuild ${Math.round(audits[i].perSecond)}/s (${a.messagesReplayed} events, ${a.rejected} rejected)`);
  }
  const replay = {
    events: audits[0].messages,
    audit: pick(audits, 'perSecond'),
    raw: pick(raws, 'perSecond'),
    ratio: median(audits.map((a) => a.perSecond)) / median(raws.map((r) => r.perSecond)),
  };
  return replay;
}

/**
 * Waits until facilities' read models (and its schedulers' views, which look every 2 to 60 s) have applied every
 * stored event, so that a section does not pay for the backlog of the one before; logs how long that took (the read
 * models' lag behind the load just measured).
 */
async function readModelsCaughtUp(after: string): Promise<void> {
  const started = Date.now();
  await eventually(async () => ((await projectionsBehind(platform.schema('facilities'))).behind === 0 ? true : undefined), 300_000, 250);
  log(`  facilities' read models caught up ${((Date.now() - started) / 1000).toFixed(1)} s after ${after}`);
}

/**
 * Waits until the relay has published everything and the bureau's figures have stopped moving for 2 s, so that the
 * command path alone is not measured beside the bureau still working off the backlog of the section before.
 */
async function pipelineAtRest(after: string): Promise<void> {
  const started = Date.now();
  await eventually(async () => ((await relayBacklog(platform.schema('facilities'))) === 0 ? true : undefined), 300_000, 250);
  await eventually(async () => {
    const [{ quiet }] = await sql<{ quiet: boolean }>(platform.schema('bureau'), `SELECT coalesce(max(updated_at) < now() - interval '2 seconds', true) AS quiet FROM projection_status`);
    return quiet ? true : undefined;
  }, 300_000, 500);
  log(`  the relay and the bureau at rest ${((Date.now() - started) / 1000).toFixed(1)} s after ${after}`);
}

/** Registering a ledger asset, the platform's second aggregate, at the same concurrencies with the whole pipeline. */
async function secondAggregate(commands: { concurrency: number; raw: { throughput: Figure } }[], admin: string) {
  log('a second aggregate: registering ledger assets');
  await readModelsCaughtUp('the commands');
  for (const row of commands) {
    const c = row.concurrency;
    const load = () => commandLoad({ url: platform.url('facilities'), token: admin, connections: c, seconds: SECONDS, command: ASSET_COMMAND });
    await commandLoad({ url: platform.url('facilities'), token: admin, connections: c, seconds: WARM_UP_SECONDS, command: ASSET_COMMAND });
    const runs = await repeat(`register asset c=${c}`, load);
    const throughput = pick(runs, 'throughput');
    const non2xx = runs.reduce((n, r) => n + r.non2xx + r.errors, 0);
    Object.assign(row, { asset: { throughput, p50: pick(runs, 'p50'), p99: pick(runs, 'p99'), ratio: throughput.median / row.raw.throughput.median, non2xx } });
    log(`  c=${c}: register asset ${show(throughput, 0)}/s, ratio ${(throughput.median / row.raw.throughput.median).toFixed(2)}${non2xx ? `, ${non2xx} not 2xx` : ''}`);
  }
}

/**
 * The same commands with the relay paused (OUTBOX_RELAY=off): no publishing, no broker
 * writes, no bureau projection sharing the 2 cores — what the command path alone costs.
 * For the analysis only; the ratio target is taken with the whole pipeline running.
 */
async function commandPathAlone(commands: { concurrency: number; raw: { throughput: Figure } }[], staff: string) {
  log('commands with the relay paused (the command path alone)');
  await pipelineAtRest('the ledger assets');
  await platform.stopService('facilities');
  await platform.startService('facilities', { OUTBOX_RELAY: 'off' });
  await readModelsCaughtUp('the ledger assets');
  for (const row of commands) {
    const c = row.concurrency;
    await commandLoad({ url: platform.url('facilities'), token: staff, connections: c, seconds: WARM_UP_SECONDS });
    const [runs, cpu] = await withCpu(() => repeat(`command, relay paused, c=${c}`, () => commandLoad({ url: platform.url('facilities'), token: staff, connections: c, seconds: SECONDS })));
    const throughput = pick(runs, 'throughput');
    Object.assign(row, { relayPaused: { throughput, p50: pick(runs, 'p50'), p99: pick(runs, 'p99'), ratio: throughput.median / row.raw.throughput.median, cpu } });
    log(`  c=${c}: command, relay paused ${show(throughput, 0)}/s, ratio ${(throughput.median / row.raw.throughput.median).toFixed(2)}; CPU per command ${showCpu(cpu)}`);
  }
  await platform.stopService('facilities');
  await platform.startService('facilities');
  // The backlog goes out and the bureau catches up before anything else is measured.
  const facilities = platform.schema('facilities');
  await eventually(async () => ((await relayBacklog(facilities)) === 0 ? true : undefined), 300_000, 500);
  await eventually(async () => {
    const [{ stored }] = await sql<{ stored: string }>(facilities, "SELECT count(*) AS stored FROM events WHERE stream_type = 'WorkOrder'");
    const [{ applied }] = await sql<{ applied: string }>(platform.schema('bureau'), `SELECT events_applied AS applied FROM projection_status WHERE projection = 'work-orders'`);
    return Number(applied) >= Number(stored) ? true : undefined;
  }, 300_000, 500);
}

async function costPoint(facilitiesSchema: string, staff: string, official: string) {
  const events = await countEvents(facilitiesSchema);
  const cmd = await repeat(`command c=4 with ${events} events stored`, () => commandLoad({ url: platform.url('facilities'), token: staff, connections: 4, seconds: SECONDS }));
  const dash = await repeat('dashboard query', () => dashboardQuery(platform.url('bureau'), official, 3));
  const plans = await queryPlans(facilitiesSchema, platform.schema('bureau'));
  return { events, commandP50: pick(cmd, 'p50'), commandP99: pick(cmd, 'p99'), throughput: pick(cmd, 'throughput'), dashboardP50: pick(dash, 'p50'), dashboardP99: pick(dash, 'p99'), plans };
}

const median = (xs: number[]) => figure(xs).median;

function machine() {
  const version = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
    } catch {
      return 'unknown';
    }
  };
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: version('psql', ['--version']),
    kafka: 'Apache Kafka 4.1.1 (KRaft, single node, this machine)',
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answer of the audit service
async function post(url: string, bearer: string): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

main()
  .then(async () => {
    await platform.stop();
    process.exit(0);
  })
  .catch(async (err) => {
    console.error(err);
    console.log(`service logs kept in ${platform.logs}`);
    await platform.stop().catch(() => undefined);
    process.exit(1);
  });
