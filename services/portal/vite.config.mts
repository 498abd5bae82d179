/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The portal: built to dist/services/portal, which the gateway serves beside /api/<service>/….
 * In development (`npx nx dev portal`) Vite proxies the same prefixes to the services themselves.
 */
const services: Record<string, number> = { identity: 3104, facilities: 3101, bureau: 3102, audit: 3103 };
const proxy = Object.fromEntries(
  Object.entries(services).map(([name, port]) => [
    `/api/${name}`,
    { target: `http://127.0.0.1:${process.env[`${name.toUpperCase()}_PORT`] ?? port}`, rewrite: (p: string) => p.slice(`/api/${name}`.length) || '/' },
  ]),
);

export default defineConfig({
  root: here,
  base: '/',
  // Every asset also as .br and .gz beside it: the gateway sends the smallest the browser accepts (a phone on 4G
  // downloads the antd chunk as ~1/4 of its bytes) without compressing per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, include: /\.(js|css|html|svg|json)$/ })],
  server: { host: '127.0.0.1', port: 4200, proxy },
  preview: { host: '127.0.0.1', port: 4300, proxy },
  build: {
    outDir: path.resolve(here, '../../dist/services/portal'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
