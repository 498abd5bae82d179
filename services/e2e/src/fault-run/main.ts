import 'reflect-metadata';
import { Client } from 'pg';
import { Topics } from '@houqin/contracts';
import { createKafka, kafkaConfigFromEnv, topicName } from '@houqin/messaging';
import { eventually, kafka, Platform, relayBacklog, sql, TEST_DATABASE_URL, token } from '@houqin/testing';
import { acknowledgedExactlyOnce, Check, everyEventPublished, nothingHalfWritten } from './checks';
import { CommandLoad, Writer } from './load';

/**
 * The fault run: concurrent writers drive commands of two aggregates (work orders and ledger assets) over HTTP while, one after another,
 * the facilities service is SIGKILLed, Kafka is stopped, the relay dies between publish
 * and mark-sent, and the service's database connections are cut; the bureau receives
 * every event twice throughout. Then it checks that nothing acknowledged was lost or
 * doubled, nothing half-written, everything published, and the figures equal a replay.
 */
const platform = new Platform();
const log = (message: string) => console.log(`[faults ${new Date().toISOString().slice(11, 23)}] ${message}`);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  await platform.start({ bureau: { HOUQIN_FAULT_DUPLICATE_DELIVERY: '1' } });
  log(`platform up (logs in ${platform.logs}); the bureau receives every event twice for the whole run`);
  const writers: Writer[] = Array.from({ length: 8 }, (_, i) => {
    const schoolId = `F${String(i % 4).padStart(3, '0')}`;
    return {
      schoolId,
      token: token({ sub: `writer.${i}`, role: 'school-staff', schoolId }),
      adminToken: token({ sub: `admin.${i}`, role: 'school-admin', schoolId }),
    };
  });
  const load = new CommandLoad(() => platform.url('facilities'), writers);
  load.start();
  try {
    await faults();
  } finally {
    await load.stop();
  }
  log(`writers stopped after ${load.records.length} commands; draining`);
  return verify(load);
}

async function faults(): Promise<void> {
  await pause(3000);
  log('fault 1: SIGKILL the facilities service mid-write, then restart it');
  await platform.stopService('facilities', 'SIGKILL');
  await pause(500);
  await platform.startService('facilities');
  await pause(3000);

  log('fault 2: stop the Kafka broker, keep writing, start it again');
  kafka('stop');
  await pause(4000);
  kafka('start');
  await pause(3000);

  log('fault 3: the outbox relay dies between publishing to Kafka and advancing its checkpoint');
  await platform.stopService('facilities');
  await platform.startService('facilities', { HOUQIN_FAULT_RELAY_CRASH_AFTER_PUBLISH: '1' }, false);
  const crashed = await waitForExit(platform.process('facilities')!, 90_000); // facilities now starts 2 consumers and ~15 read models first
  log(`  relay killed its process after publishing (${crashed})`);
  await platform.startService('facilities');
  await pause(3000);

  log("fault 4: cut the facilities service's PostgreSQL connections during appends (pg_terminate_backend), three times");
  for (let i = 0; i < 3; i++) {
    const cut = await terminateConnections(platform.applicationName('facilities'));
    log(`  terminated ${cut} connection(s)`);
    await pause(1500);
  }
  await pause(2000);
}

async function verify(load: CommandLoad): Promise<number> {
  const schema = platform.schema('facilities');
  await eventually(async () => ((await relayBacklog(schema)) === 0 ? true : undefined), 120_000, 250);
  const [{ n: storedEvents }] = await sql<{ n: string }>(schema, `SELECT count(*) AS n FROM events`);
  // The bureau's work-order projection applies the work orders' events (the assets' go to the asset figures).
  const [{ n: workOrderEvents }] = await sql<{ n: string }>(schema, `SELECT count(*) AS n FROM events WHERE stream_type = 'WorkOrder'`);
  const official = token({ sub: 'fault.official', role: 'bureau-official' });
  const auditor = token({ sub: 'fault.auditor', role: 'auditor' });
  const status = await eventually(async () => {
    const district = await get(`${platform.url('bureau')}/statistics/work-orders/district`, official);
    return district.projection.eventsApplied === Number(workOrderEvents) ? district.projection : undefined;
  }, 120_000, 250);

  const checks: Check[] = [];
  checks.push(await acknowledgedExactlyOnce(schema, load.records));
  checks.push(await nothingHalfWritten(schema, load.records));
  const kafkaClient = createKafka({ ...kafkaConfigFromEnv('fault-check'), topicPrefix: platform.topicPrefix });
  const published = await everyEventPublished(schema, kafkaClient, topicName({ topicPrefix: platform.topicPrefix }, Topics.facilitiesEvents));
  checks.push(published);
  for (const figure of ['work-order-figures', 'asset-values']) {
    const rebuild = await post(`${platform.url('audit')}/audit/rebuilds/${figure}`, auditor);
    checks.push({
      name: `the bureau's ${figure} equals a replay from scratch`,
      ok: rebuild.matches === true,
      detail: `replayed ${rebuild.messagesReplayed} messages → ${rebuild.eventsApplied} events; live ${rebuild.liveEventsApplied}; ${rebuild.differences.length} differences`,
    });
  }
  const verification = await get(`${platform.url('audit')}/audit/facilities/verification`, auditor);
  checks.push({
    name: 'the hash chains verify',
    ok: verification.ok === true,
    detail: `${verification.streamsChecked} streams, ${verification.eventsChecked} events, ${verification.breaks.length} breaks`,
  });

  const count = (o: string) => load.records.filter((r) => r.outcome === o).length;
  console.log('\nFault run counts');
  console.table({
    'commands sent': load.records.length,
    'acknowledged (2xx)': count('acknowledged'),
    'refused (4xx)': count('refused'),
    'failed (5xx)': count('failed'),
    'no answer': count('no-answer'),
    'events stored': Number(storedEvents),
    'messages published': published.published,
    'distinct events published': published.unique,
    'republished (duplicates in Kafka)': published.published - published.unique,
    'work-order events applied by the bureau': status.eventsApplied,
    'duplicates absorbed by the bureau': status.duplicatesAbsorbed,
  });
  for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`faults: ${checks.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

async function terminateConnections(applicationName: string): Promise<number> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [applicationName]);
    return rows.length;
  } finally {
    await client.end();
  }
}

function waitForExit(child: NonNullable<ReturnType<Platform['process']>>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(`exit ${child.exitCode ?? child.signalCode}`);
    const timer = setTimeout(() => reject(new Error('the relay fault switch did not fire')), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ? `signal ${signal}` : `exit ${code}`);
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the services
type Json = any;

async function get(url: string, bearer: string): Promise<Json> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function post(url: string, bearer: string): Promise<Json> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

main()
  .then(async (code) => {
    await platform.stop();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(err);
    console.log(`service logs kept in ${platform.logs}`);
    await platform.stop().catch(() => undefined);
    console.log('faults: 0 passed, 1 failed');
    process.exit(1);
  });
