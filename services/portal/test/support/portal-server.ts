import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/**
 * INTERIM, until services/gateway exists: one origin for the built portal and `/api/<service>/…` proxied to the
 * services, as the gateway will do (no headers, rate limits or TLS). The journeys switch to the gateway when it lands.
 */
export async function startPortalServer(root: string, upstreams: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const match = /^\/api\/([a-z-]+)(\/.*)?$/.exec(url.split('?')[0]);
    if (match) return proxy(req, res, upstreams[match[1]], url.slice(`/api/${match[1]}`.length) || '/');
    serveStatic(root, url, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function proxy(req: IncomingMessage, res: ServerResponse, upstream: string | undefined, rest: string): void {
  if (!upstream) {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'No such service behind this server', messageZh: '该服务不可用' }));
    return;
  }
  const target = new URL(rest, upstream);
  const headers = { ...req.headers, host: target.host };
  const out = request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: 'The service did not answer', messageZh: '服务无应答' }));
  });
  req.pipe(out);
}

/** The portal's files; any other path is the app itself (client-side routes such as /repairs/…). */
function serveStatic(root: string, url: string, res: ServerResponse): void {
  const wanted = path.normalize(decodeURIComponent(url.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(root, wanted);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}
