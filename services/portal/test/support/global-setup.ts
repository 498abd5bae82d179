import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM } from './browser';
import { startSharedStack } from './shared-stack';

/**
 * The repository this file is in. Not @houqin/testing's ROOT: Jest resolves a global setup's imports without the
 * config's moduleNameMapper, so that import would follow node_modules' workspace link to wherever it points.
 */
const ROOT = path.resolve(__dirname, '../../../..');

/**
 * The journeys drive the real build in Debian's Chromium: the services' build output (as the e2e suite runs
 * them), then the portal's (after it, since `npm run build` empties dist/). Chromium and the CJK fonts come
 * from apt when missing; no tool downloads a browser of its own. Then the one stack all the journeys share
 * starts (support/shared-stack.ts; global-teardown.ts stops it).
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`${CHROMIUM} is missing: installing chromium and fonts-noto-cjk with apt-get`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  // NODE_ENV=production as `npx nx build portal` has it: Jest sets it to "test", and Vite would then bundle React's
  // development build (a third more JS, and not what users get).
  execFileSync('npx', ['vite', 'build', '--config', 'services/portal/vite.config.mts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  await startSharedStack();
}
