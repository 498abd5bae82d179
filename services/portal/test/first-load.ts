import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The portal's build (global-setup.ts builds it before the journeys and the page bench). */
export const PORTAL_DIST = path.resolve(__dirname, '../../../dist/services/portal');

/** Service checklist 9: at most ~300 kB of gzipped JS before the first route renders. */
export const FIRST_LOAD_BUDGET_KB = 300;

export interface FirstLoad {
  files: { name: string; bytes: number; gzip: number; brotli: number }[];
  /** kB (1000 bytes) of the files as built, gzip-compressed and brotli-compressed (what the gateway sends Chromium). */
  kB: { raw: number; gzip: number; brotli: number };
}

/**
 * The JS a browser fetches before the first route renders: index.html's entry script and the modules it preloads,
 * with the sizes of the .gz and .br files the build put beside them.
 */
export function firstLoad(dist = PORTAL_DIST): FirstLoad {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const names = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const size = (file: string) => (existsSync(file) ? statSync(file).size : NaN);
  const files = names.map((name) => {
    const file = path.join(dist, name);
    const bytes = size(file);
    // The build compresses files of 1 kB and more; a smaller one goes as it is.
    return { name, bytes, gzip: bytes < 1024 ? bytes : size(`${file}.gz`), brotli: bytes < 1024 ? bytes : size(`${file}.br`) };
  });
  const kB = (key: 'bytes' | 'gzip' | 'brotli') => Math.round(files.reduce((n, f) => n + f[key], 0) / 100) / 10;
  return { files, kB: { raw: kB('bytes'), gzip: kB('gzip'), brotli: kB('brotli') } };
}
