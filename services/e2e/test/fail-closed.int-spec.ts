import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, ServiceName } from '@houqin/testing';

/** Starts a built service with `env` and resolves with its exit code and output (it must not stay up). */
function startWith(service: ServiceName, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/services', service, 'src/main.js')], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${service} started without a token key and stayed up:\n${output}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('fail closed', () => {
  // The published development secret once worked whenever NODE_ENV was not 'production'.
  it.each(['facilities', 'bureau', 'audit'] as ServiceName[])('%s refuses to start without a token key, whatever NODE_ENV says, and says why', async (service) => {
    const { HOUQIN_DEV_AUTH: _dev, JWT_SECRET: _secret, JWT_PUBLIC_KEY: _key, NODE_ENV: _node, ...env } = process.env;
    for (const NODE_ENV of ['staging', undefined]) {
      const { code, output } = await startWith(service, { ...env, ...(NODE_ENV && { NODE_ENV }), PORT: '0' });
      expect(code).not.toBe(0);
      expect(output).toContain('No token key: set JWT_SECRET');
    }
  });
});
