import { ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { eventually, Platform, ROOT } from '@houqin/testing';

/**
 * The gateway (services/gateway, built by the global setup) in front of the harness's services, serving the built
 * portal: the one origin the portal is made for. identity is not in the harness yet, so /api/identity answers
 * the gateway's 502/503 until it is.
 */
export class Gateway {
  private child?: ChildProcess;
  url = '';

  async start(platform: Platform): Promise<this> {
    const port = await freePort();
    const log = openSync(path.join(platform.logs, 'gateway.log'), 'a');
    this.child = spawn(process.execPath, [path.join(ROOT, 'dist/services/gateway/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        PORTAL_DIST: path.join(ROOT, 'dist/services/portal'),
        FACILITIES_URL: platform.url('facilities'),
        BUREAU_URL: platform.url('bureau'),
        AUDIT_URL: platform.url('audit'),
        IDENTITY_URL: `http://127.0.0.1:${await freePort()}`,
      },
      stdio: ['ignore', log, log],
    });
    this.url = `http://127.0.0.1:${port}`;
    const child = this.child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode} (log: ${platform.logs}/gateway.log)`);
      const answer = await fetch(`${this.url}/`).catch(() => undefined);
      return answer?.ok ? true : undefined;
    }, 30_000, 200);
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
