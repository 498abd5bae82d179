import { randomUUID } from 'node:crypto';
import { authConfigFromEnv, Principal, signToken } from '@houqin/auth';
import { bodyValuesOf, FuzzValue, JsonSchema, parameterValuesOf, validValueOf, Verdict } from './fuzz-values';
import { rawRequest } from './raw-http';

/** One service as the fuzz sees it: its document is fetched from `${baseUrl}/docs-json`. */
export interface FuzzTarget {
  service: string;
  baseUrl: string;
  /**
   * Callers to try, broadest role first: each operation is fuzzed as the first one whose probe is
   * not answered 403 (the document lists no roles).
   */
  principals: Principal[];
  /** Values of path parameters the document leaves open, by name (e.g. `{ source: 'facilities' }`). */
  pathValues?: Record<string, string>;
  /** Rows in the tables the service writes: invalid requests must leave the count as it was. */
  countRows?: () => Promise<number>;
  /** Operations (`POST /audit/rebuilds/work-order-figures`) that are sent at most this many requests that may run. */
  heavy?: Record<string, number>;
  /** Only the operations whose key (`POST /inspection-plans/{id}/revise`) matches: one route's own suite, in seconds. */
  only?: RegExp;
}

export interface FuzzFinding {
  operation: string;
  case: string;
  status: number;
  expected: string;
  body?: string;
}

export interface FuzzReport {
  service: string;
  operations: number;
  requests: number;
  /** Answers 5xx, to anything. */
  serverErrors: FuzzFinding[];
  /** Requests the document forbids, answered 2xx. */
  invalidAccepted: FuzzFinding[];
  /** Requests the document forbids, refused otherwise than by a 400 naming the field in English and Chinese. */
  badRefusals: FuzzFinding[];
  /** Requests the document allows, refused with a 400. */
  validRefused: FuzzFinding[];
  /** Missing, forged, `alg: none` and expired tokens (and other broken credentials) not answered 401. */
  authFailures: FuzzFinding[];
  /** Operations no principal was allowed to call. */
  unreachable: string[];
  rowsWrittenByInvalid: number;
  validRequests: number;
  rowsWrittenByValid: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  secured: boolean;
}

/** A request as the fuzz builds it; values are unencoded text. */
interface Request {
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  /** JSON text (raw numbers spliced in), or text of another content type. */
  body?: string;
  contentType?: string;
  /** Written on a socket: header bytes fetch refuses to send. */
  raw?: boolean;
}

interface Case {
  label: string;
  verdict: Verdict;
  /** The field an invalid request's errors must name (body path, parameter or header name). */
  field?: string;
  request: Request;
}

interface Reply {
  status: number;
  body: unknown;
  text: string;
  headers: Record<string, string>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reads the published document of a running service and fuzzes every operation in it. */
export async function fuzzService(target: FuzzTarget): Promise<FuzzReport> {
  const document = (await (await fetch(`${target.baseUrl}/docs-json`)).json()) as OpenApiDocument;
  return new OpenApiFuzz(target, operationsOf(document).filter((o) => !target.only || target.only.test(o.key))).run();
}

/** The parts of an OpenAPI 3 document the fuzz reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | undefined>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

/** The operations of an OpenAPI 3 document, with $refs to component schemas resolved. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  // $refs resolved down to MAX_SCHEMA_DEPTH: deeper (or self-referring) schemas are fuzzed as opaque values.
  const resolve = (schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined => {
    if (schema?.$ref) return resolve(document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')], depth);
    if (!schema || depth > MAX_SCHEMA_DEPTH) return schema;
    const properties = schema.properties && Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1) ?? {}]));
    return { ...schema, ...(properties && { properties }), ...(schema.items && { items: resolve(schema.items, depth + 1) }) };
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = resolve(op.requestBody?.content?.['application/json']?.schema);
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p: Parameter) => ({ ...p, schema: resolve(p.schema) ?? {} })),
        body,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return operations;
}

class OpenApiFuzz {
  private readonly report: FuzzReport;
  private readonly authConfig = authConfigFromEnv();

  constructor(
    private readonly target: FuzzTarget,
    private readonly operations: Operation[],
  ) {
    this.report = {
      service: target.service,
      operations: operations.length,
      requests: 0,
      serverErrors: [],
      invalidAccepted: [],
      badRefusals: [],
      validRefused: [],
      authFailures: [],
      unreachable: [],
      rowsWrittenByInvalid: 0,
      validRequests: 0,
      rowsWrittenByValid: 0,
    };
  }

  async run(): Promise<FuzzReport> {
    const plans: { operation: Operation; token?: string; cases: Case[] }[] = [];
    for (const operation of this.operations) {
      const token = operation.secured ? await this.tokenFor(operation) : undefined;
      if (operation.secured && !token) {
        this.report.unreachable.push(operation.key);
        continue;
      }
      plans.push({ operation, token, cases: this.casesOf(operation) });
    }

    // Invalid requests first, between two counts of the rows: none of them may write.
    const before = await this.target.countRows?.();
    for (const { operation, token, cases } of plans) {
      if (operation.secured) await this.checkAuthentication(operation, token!);
      for (const c of cases.filter((c) => c.verdict === 'invalid')) await this.check(operation, c, token);
    }
    const afterInvalid = await this.target.countRows?.();
    for (const { operation, token, cases } of plans) {
      let budget = this.target.heavy?.[operation.key] ?? Infinity;
      for (const c of cases.filter((c) => c.verdict !== 'invalid')) {
        if (budget-- <= 0) break;
        await this.check(operation, c, token);
      }
    }
    const afterValid = await this.target.countRows?.();
    if (before !== undefined) {
      this.report.rowsWrittenByInvalid = afterInvalid! - before;
      this.report.rowsWrittenByValid = afterValid! - afterInvalid!;
    }
    return this.report;
  }

  /** The first principal whose probe (the baseline with an unknown query parameter and an empty body) is not refused 403. */
  private async tokenFor(operation: Operation): Promise<string | undefined> {
    for (const principal of this.target.principals) {
      const token = signToken(principal, this.authConfig, { expiresIn: '1h' });
      const probe = this.baseline(operation);
      probe.query.push(['fuzzProbe', '1']);
      if (operation.body) probe.body = '{}';
      const reply = await this.send(operation, probe, token);
      if (reply.status !== 403 && reply.status !== 401) return token;
    }
    return undefined;
  }

  private baseline(operation: Operation): Request {
    const request: Request = { path: {}, query: [], headers: {} };
    for (const p of operation.parameters) {
      if (p.in === 'path') request.path[p.name] = this.target.pathValues?.[p.name] ?? String(validValueOf(p.schema ?? {}));
      else if (p.in === 'query' && p.required) request.query.push([p.name, String(validValueOf(p.schema ?? {}))]);
      else if (p.in === 'header' && p.required && !isAuthorization(p)) request.headers[p.name] = headerValue(p);
    }
    if (operation.body) request.body = JSON.stringify(validValueOf({ ...operation.body, type: 'object' }));
    return request;
  }

  private casesOf(operation: Operation): Case[] {
    const cases: Case[] = [];
    const base = () => this.baseline(operation);
    if (operation.body) cases.push(...this.bodyCases(operation.body, base));
    for (const p of operation.parameters) {
      if (p.in === 'path') cases.push(...pathCases(p, base));
      if (p.in === 'query') cases.push(...queryCases(p, base));
      if (p.in === 'header' && !isAuthorization(p)) cases.push(...headerCases(p, base));
    }
    cases.push(...requestCases(operation, base));
    return cases;
  }

  private bodyCases(schema: JsonSchema, base: () => Request): Case[] {
    const cases: Case[] = [];
    const valid = validValueOf({ ...schema, type: 'object' }) as Record<string, unknown>;
    cases.push(...propertyCases(schema, valid, [], base));
    const body = (label: string, verdict: Verdict, text: string, contentType?: string, field?: string): Case => ({
      label: `body: ${label}`,
      verdict,
      field,
      request: { ...base(), body: text, contentType },
    });
    cases.push(
      body('unknown field', 'invalid', JSON.stringify({ ...valid, fuzzUnknown: 'x' }), undefined, 'fuzzUnknown'),
      body('unknown field __proto__', 'invalid', withRawMember(valid, '"__proto__":{"isAdmin":true}'), undefined, '__proto__'),
      body('unknown field constructor', 'invalid', JSON.stringify({ ...valid, constructor: { prototype: { x: 1 } } }), undefined, 'constructor'),
      body('unknown field holding a NUL', 'invalid', JSON.stringify({ ...valid, 'a\u0000': 'x' })),
      body('an array', 'invalid', '[]'),
      body('an array of the valid body', 'invalid', JSON.stringify([valid])),
      body('a string', 'invalid', '"x"'),
      body('null', 'invalid', 'null'),
      body('a number', 'invalid', '42'),
      body('malformed JSON', 'invalid', '{"a": '),
      body('JSON with a trailing comma', 'invalid', JSON.stringify(valid).replace(/\}$/, ',}')),
      body('duplicate keys', 'odd', withRawMember(valid, Object.keys(valid).length ? `${JSON.stringify(Object.keys(valid)[0])}:1` : '"a":1,"a":2')),
      body('10 000 levels of objects', 'invalid', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)),
      body('empty', schema.required?.length ? 'invalid' : 'odd', ''),
      body('sent as text/plain', schema.required?.length ? 'invalid' : 'odd', JSON.stringify(valid), 'text/plain'),
      body('sent as a form', 'odd', 'title=x&a[b]=c&d=%00', 'application/x-www-form-urlencoded'),
      body('JSON in UTF-16', 'odd', JSON.stringify(valid), 'application/json; charset=utf-16'),
      body('unsupported charset', 'odd', JSON.stringify(valid), 'application/json; charset=x-fuzz'),
    );
    return cases;
  }

  /** Every broken credential is answered 401, whatever else is wrong or right with the request. */
  private async checkAuthentication(operation: Operation, token: string): Promise<void> {
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const principal: Principal = { sub: claims.sub, role: claims.role, ...(claims.schoolId && { schoolId: claims.schoolId }) };
    const credentials: [string, string | undefined][] = [
      ['missing token', undefined],
      ['forged signature', `Bearer ${header}.${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`],
      ['claims changed under the signature', `Bearer ${header}.${encode({ ...claims, sub: `${claims.sub}-x`, role: 'system-admin' })}.${signature}`],
      ['alg none', `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`],
      ['expired', `Bearer ${signToken(principal, this.authConfig, { expiresIn: -10 })}`],
      ['not a JWT', 'Bearer not-a-token'],
      ['Basic scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
      ['empty bearer', 'Bearer '],
      ['10 000-character token', `Bearer ${'a'.repeat(10_000)}`],
    ];
    for (const [label, authorization] of credentials) {
      const request = this.baseline(operation);
      const reply = await this.send(operation, request, undefined, authorization);
      if (reply.status >= 500) this.finding('serverErrors', operation, `auth: ${label}`, reply, '401');
      else if (reply.status !== 401) this.finding('authFailures', operation, `auth: ${label}`, reply, '401');
    }
  }

  private async check(operation: Operation, c: Case, token?: string): Promise<void> {
    const reply = await this.send(operation, c.request, token);
    const label = c.label;
    if (c.verdict === 'valid') this.report.validRequests++;
    const sane = reply.headers['x-correlation-id'];
    if (sane !== undefined && !SAFE_CORRELATION_ID.test(sane)) this.finding('badRefusals', operation, `${label} (echoed an unsafe X-Correlation-Id)`, reply, 'a safe id');
    if (reply.status >= 500) return this.finding('serverErrors', operation, label, reply, c.verdict);
    if (c.verdict === 'invalid') {
      if (reply.status < 300) return this.finding('invalidAccepted', operation, label, reply, '400');
      const problem = refusalProblem(reply, c.field, c.request.raw);
      if (problem) this.finding('badRefusals', operation, label, reply, problem);
      return;
    }
    if (reply.status === 400) {
      if (c.verdict === 'valid') return this.finding('validRefused', operation, label, reply, 'not 400');
      const problem = refusalProblem(reply, undefined, c.request.raw);
      if (problem) this.finding('badRefusals', operation, label, reply, problem);
    }
  }

  private finding(kind: keyof FuzzReport, operation: Operation, label: string, reply: Reply, expected: string): void {
    (this.report[kind] as FuzzFinding[]).push({ operation: operation.key, case: label, status: reply.status, expected, body: reply.text.slice(0, 300) });
  }

  private async send(operation: Operation, request: Request, token?: string, authorization?: string): Promise<Reply> {
    this.report.requests++;
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeText(request.path[name] ?? ''));
    const query = request.query.map(([k, v]) => `${encodeText(k)}=${encodeText(v)}`).join('&');
    const target = query ? `${path}?${query}` : path;
    const headers: Record<string, string> = { ...request.headers };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (authorization !== undefined) headers['Authorization'] = authorization;
    if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
    if (request.raw) {
      const reply = await rawRequest(this.target.baseUrl, operation.method, target, Object.entries(headers), request.body);
      return { ...reply, text: reply.body, body: parseJson(reply.body) };
    }
    const response = await fetch(`${this.target.baseUrl}${target}`, { method: operation.method, headers, body: request.body, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, text, body: parseJson(text), headers: Object.fromEntries(response.headers) };
  }
}

/** What is wrong with a refusal of an invalid request, if anything. */
function refusalProblem(reply: Reply, field: string | undefined, raw?: boolean): string | undefined {
  // Node's HTTP parser refuses broken header bytes itself, before any application code.
  if (raw && (reply.status === 400 || reply.status === 431) && !reply.text) return undefined;
  if (reply.status === 413 || reply.status === 415) return bilingual(reply.body) ? undefined : 'a bilingual body';
  if (reply.status !== 400) return '400';
  const body = reply.body as { errors?: { field?: unknown; message?: unknown; messageZh?: unknown }[] } | undefined;
  if (!bilingual(body)) return 'a bilingual body';
  const errors = body?.errors;
  if (!Array.isArray(errors) || !errors.length) return 'errors[] naming the field';
  if (!errors.every((e) => typeof e.field === 'string' && typeof e.message === 'string' && typeof e.messageZh === 'string' && /[\u4e00-\u9fff]/.test(e.messageZh)))
    return 'field, message and messageZh in every error';
  if (field && !errors.some((e) => sameField(String(e.field), field))) return `an error naming ${field}`;
  return undefined;
}

const bilingual = (body: unknown): boolean => {
  const { message, messageZh } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return typeof message === 'string' && /[\u4e00-\u9fff]/.test(String(messageZh));
};

const sameField = (named: string, field: string) => {
  const a = named.toLowerCase();
  const b = field.toLowerCase();
  return a === b || a.startsWith(`${b}.`) || (b.startsWith('path:') && (a === 'path' || a === b.slice(5)));
};

function pathCases(p: Parameter, base: () => Request): Case[] {
  const cases: Case[] = [];
  for (const value of parameterValuesOf(p.schema ?? {}, true)) {
    if (value.absent || typeof value.value !== 'string') continue;
    // An empty segment routes elsewhere (usually 404): the document cannot say.
    const verdict: Verdict = value.value === '' ? 'odd' : value.verdict;
    const request = base();
    request.path[p.name] = value.value;
    cases.push({ label: `path ${p.name}: ${value.label}`, verdict, field: `path:${p.name}`, request });
  }
  for (const [label, text] of [
    ['dot segments', '..'],
    ['encoded slash', 'a/b'],
    ['percent sign', '100%'],
  ]) {
    const request = base();
    request.path[p.name] = text;
    cases.push({ label: `path ${p.name}: ${label}`, verdict: 'odd', request });
  }
  return cases;
}

function queryCases(p: Parameter, base: () => Request): Case[] {
  const cases: Case[] = [];
  for (const value of parameterValuesOf(p.schema ?? {}, p.required ?? false)) {
    const request = base();
    request.query = request.query.filter(([k]) => k !== p.name);
    if (Array.isArray(value.value)) for (const v of value.value) request.query.push([p.name, String(v)]);
    else if (!value.absent) request.query.push([p.name, String(value.value)]);
    // An unpaired surrogate cannot be sent in a URL: its bytes decode to U+FFFD, which is storable.
    const verdict: Verdict = value.verdict === 'invalid' && isUnpaired(String(value.value)) ? 'odd' : value.verdict;
    cases.push({ label: `query ${p.name}: ${value.label}`, verdict, field: p.name, request });
  }
  const nested = base();
  nested.query.push([`${p.name}[a]`, 'x']);
  cases.push({ label: `query ${p.name}: nested object syntax`, verdict: 'odd', request: nested });
  return cases;
}

function headerCases(p: Parameter, base: () => Request): Case[] {
  const values: FuzzValue[] = [
    { label: 'left out', absent: true, verdict: p.required ? 'invalid' : 'valid' },
    { label: 'empty', value: '', verdict: 'odd' },
    { label: '10 kB', value: 'k'.repeat(10_000), verdict: 'odd' },
    { label: 'latin1', value: 'clé-é-ñ-ü', verdict: 'odd' },
    { label: 'a number', value: '42', verdict: 'odd' },
  ];
  const raw: FuzzValue[] = [
    { label: 'NUL', value: 'a\u0000b', verdict: 'invalid' },
    { label: 'control character', value: 'a\u0001b', verdict: 'invalid' },
    { label: 'UTF-8 bytes', value: Buffer.from('修-修-修-修', 'utf8').toString('latin1'), verdict: 'odd' },
    { label: 'header injection', value: 'x\r\nX-Injected: 1', verdict: 'odd' },
  ];
  const cases: Case[] = [];
  for (const [value, isRaw] of [...values.map((v) => [v, false] as const), ...raw.map((v) => [v, true] as const)]) {
    const request = base();
    delete request.headers[p.name];
    if (!value.absent) request.headers[p.name] = String(value.value);
    request.raw = isRaw;
    cases.push({ label: `header ${p.name}: ${value.label}`, verdict: value.verdict, field: p.name, request });
  }
  return cases;
}

/** What every operation gets, documented or not: odd correlation ids and content types. */
function requestCases(operation: Operation, base: () => Request): Case[] {
  const correlation: [string, string, boolean][] = [
    ['10 kB', 'c'.repeat(10_000), false],
    ['latin1', 'é'.repeat(20), false],
    ['spaces and quotes', `a b "c" 'd'`, false],
    ['control character', 'id\u0001', true],
    ['header injection', 'id\r\nSet-Cookie: fuzz=1', true],
  ];
  const cases: Case[] = correlation.map(([label, value, raw]) => {
    const request = base();
    request.headers['X-Correlation-Id'] = value;
    request.raw = raw;
    return { label: `header X-Correlation-Id: ${label}`, verdict: 'odd', request };
  });
  const unknown = base();
  unknown.query.push(['fuzzUnknown', 'x']);
  cases.push({ label: 'query: unknown parameter', verdict: 'odd', request: unknown });
  if (!operation.body && operation.method !== 'GET') {
    const stray = base();
    stray.body = '{"fuzzUnknown": "\\u0000"}';
    cases.push({ label: 'body where none is documented', verdict: 'odd', request: stray });
  }
  return cases;
}

/** JSON text of an object with one more member, written raw (JSON.stringify cannot write `__proto__` or a duplicate). */
function withRawMember(valid: Record<string, unknown>, member: string): string {
  const rest = JSON.stringify(valid).slice(1, -1);
  return `{${member}${rest ? `,${rest}` : ''}}`;
}

// Nested DTOs are fuzzed down to this many levels (a schema may refer to itself).
const MAX_SCHEMA_DEPTH = 4;

/**
 * The values of every property of an object schema at `path` in a valid body, and of the
 * properties of nested objects and of the first item of arrays of objects (`items.0.name`).
 */
function propertyCases(schema: JsonSchema, valid: unknown, path: (string | number)[], base: () => Request): Case[] {
  const cases: Case[] = [];
  if (path.length > MAX_SCHEMA_DEPTH) return cases;
  const members = valueAt(valid, path);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const at = [...path, name];
    const field = at.join('.');
    // Leaving out a member the object needs for its minProperties makes it invalid, though the member is optional.
    const needed = members !== null && typeof members === 'object' && name in members && Object.keys(members).length <= (schema.minProperties ?? 0);
    for (const value of bodyValuesOf(property, schema.required?.includes(name) ?? false)) {
      const verdict: Verdict = value.absent && needed ? 'invalid' : value.verdict;
      cases.push({ label: `body ${field}: ${value.label}`, verdict, field, request: { ...base(), body: withValueAt(valid, at, value) } });
    }
    if (property.type === 'object' && property.properties) {
      cases.push(...propertyCases(property, setAt(valid, at, validValueOf(property)), at, base));
    }
    if (property.type === 'array' && property.items?.properties) {
      const item = validValueOf({ ...property.items, type: 'object' });
      cases.push(...propertyCases(property.items, setAt(valid, at, [item]), [...at, 0], base));
    }
  }
  return cases;
}

/** The value at `path` in `root` (undefined where the path leads nowhere). */
function valueAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), root);
}

/** A copy of `root` with the value at `path` replaced (or removed when undefined). */
function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** JSON text of the body with the value at `path` set (raw JSON numbers spliced in) or left out. */
function withValueAt(valid: unknown, path: (string | number)[], value: FuzzValue): string {
  if (value.absent) return JSON.stringify(setAt(valid, path, undefined));
  if (value.raw === undefined) return JSON.stringify(setAt(valid, path, value.value));
  const placeholder = `__fuzz_raw_${randomUUID()}__`;
  return JSON.stringify(setAt(valid, path, placeholder)).replace(`"${placeholder}"`, value.raw);
}

const isAuthorization = (p: Parameter) => p.name.toLowerCase() === 'authorization';

/** A fresh value for a documented header: unique, so idempotency keys never replay. */
const headerValue = (p: Parameter) => (p.schema?.enum?.length ? String(p.schema.enum[0]) : `fuzz-${randomUUID()}`);

const isUnpaired = (text: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/**
 * Percent-encodes text for a URL; an unpaired surrogate is written as the three bytes it would
 * have in WTF-8 (`%ED%A0%80`), which no UTF-8 decoder accepts.
 */
function encodeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The counts a fuzz run prints: one line per service. */
export function fuzzSummary(report: FuzzReport): string {
  return (
    `${report.service}: ${report.operations} operations, ${report.requests} requests, ${report.serverErrors.length} 5xx, ` +
    `${report.invalidAccepted.length} invalid accepted, ${report.badRefusals.length} bad refusals, ${report.validRefused.length} valid refused, ` +
    `${report.authFailures.length} auth failures, ${report.rowsWrittenByInvalid} rows written by invalid requests ` +
    `(${report.validRequests} valid requests wrote ${report.rowsWrittenByValid})`
  );
}
