import { ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { eventually, Platform, ROOT } from '@houqin/testing';

/**
 * A built service that libs/testing's Platform does not start (yet): identity and the gateway, beside the
 * Platform's facilities, bureau and audit, logging into the same run folder.
 */
export class ExtraService {
  private child?: ChildProcess;
  readonly url: string;

  constructor(
    private readonly name: string,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(platform: Platform, env: Record<string, string>, readyPath: string): Promise<this> {
    const log = openSync(path.join(platform.logs, `${this.name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/services', this.name, 'src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', log, log],
    });
    this.child = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode} (log: ${platform.logs}/${this.name}.log)`);
      const answer = await fetch(`${this.url}${readyPath}`).catch(() => undefined);
      return answer?.ok ? true : undefined;
    }, 60_000, 200);
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return; // exited, or killed by a signal
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
