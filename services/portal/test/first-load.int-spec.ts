import { get, IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { FIRST_LOAD_BUDGET_KB, firstLoad } from './first-load';
import { stack } from './support/journey';

/**
 * What a phone downloads before the login page renders (service checklist 9), from the build the journeys run: the
 * entry and its preloaded modules within the budget, gzip-compressed; each sent brotli-compressed by the gateway.
 */
/** The bytes as sent (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the first load of the portal', () => {
  const load = firstLoad();

  it(`is at most ${FIRST_LOAD_BUDGET_KB} kB of gzipped JS: the login page and what every page shares, no route's own code`, () => {
    expect(load.files.length).toBeGreaterThan(0);
    for (const f of load.files) expect(Number.isFinite(f.gzip) && Number.isFinite(f.brotli)).toBe(true); // compressed beside it
    expect(load.kB.gzip).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB);
    // The pages behind the login are loaded by their routes (React.lazy), charts and Excel with them.
    expect(load.files.map((f) => f.name).join(' ')).not.toMatch(/Dashboard|echarts|exceljs|AppLayout/);
  });

  it('goes through the gateway brotli-compressed, byte for byte the build', async () => {
    const entry = load.files[0];
    const got = await rawGet(`${stack.portal}/${entry.name}`, { 'accept-encoding': 'br' });
    expect(got.headers['content-encoding']).toBe('br');
    const raw = got.body;
    expect(raw.length).toBe(entry.brotli);
    expect(brotliDecompressSync(raw).length).toBe(entry.bytes);
    expect((await rawGet(`${stack.portal}/`, {})).body.toString()).toContain(entry.name); // the page that loads it
  });
});
