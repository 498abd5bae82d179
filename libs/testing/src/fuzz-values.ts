import { randomUUID } from 'node:crypto';
import { isStorableText } from '@houqin/contracts';

/**
 * The deterministic catalogue of values the OpenAPI fuzz sends for one schema: each value is
 * classed by what the published schema says of it, so the harness knows the answer to expect.
 *   invalid: the document (or its conventions) forbids it, so 400 with a message per field
 *   valid:   the document allows it, so never a 400
 *   odd:     either answer may be right (e.g. coercions of query strings), but never a 5xx
 */
export type Verdict = 'invalid' | 'valid' | 'odd';

/** A JSON value, or `raw` JSON text that JSON.stringify cannot make (1e309, -0). */
export interface FuzzValue {
  label: string;
  verdict: Verdict;
  value?: unknown;
  raw?: string;
  /** The field is left out. */
  absent?: boolean;
}

export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  example?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** At least this many members: e.g. a revision whose fields are each optional, but not all left out. */
  minProperties?: number;
  items?: JsonSchema;
  $ref?: string;
}

// Storable text that is odd, each one code point or one grapheme of several.
const ODD_TEXT: [string, string][] = [
  ['right-to-left override', '\u202Eabc'],
  ['zero-width space and joiner', 'a\u200Bb\u200Dc'],
  ['byte order mark', '\uFEFFx'],
  ['emoji ZWJ sequence', '👩‍🔧'],
  ['combining accent', 'e\u0301'],
  ['4-byte CJK', '𠀀𠮷'],
  ['C0 control and DEL', 'a\u0001\u001f\u007fb'],
  ['whitespace only', '   '],
  ['line breaks', 'a\r\nb\u2028c'],
  ['SQL and markup', `'; DROP TABLE events; -- <script>`],
];

const codePoints = (text: string) => [...text].length;

/** A string of `count` UTF-16 code units of `unit` (a BMP character). */
const repeat = (unit: string, count: number) => unit.repeat(Math.max(0, count));

/** A valid value of a schema (its example when that fits, else the smallest that does). */
export function validValueOf(schema: JsonSchema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.example !== undefined && fitsStringBounds(schema, schema.example)) return schema.example;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.maximum !== undefined ? Math.min(1, schema.maximum) : 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      // The required members, then as many optional ones (in the document's order) as minProperties asks.
      const required = schema.required ?? [];
      const optional = Object.keys(schema.properties ?? {}).filter((name) => !required.includes(name));
      const names = [...required, ...optional.slice(0, Math.max(0, (schema.minProperties ?? 0) - required.length))];
      return Object.fromEntries(names.map((name) => [name, validValueOf(schema.properties?.[name] ?? {})]));
    }
    default:
      if (schema.format === 'uuid') return randomUUID();
      return repeat('x', Math.min(Math.max(schema.minLength ?? 0, 4), schema.maxLength ?? Infinity));
  }
}

function fitsStringBounds(schema: JsonSchema, value: unknown): boolean {
  if (typeof value !== 'string') return schema.type !== 'string';
  return codePoints(value) >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
}

/** Classes a string against the schema's bounds, lengths counted as JSON Schema counts them. */
function stringVerdict(schema: JsonSchema, text: string): Verdict {
  if (schema.enum) return schema.enum.includes(text) ? 'valid' : 'invalid';
  if (schema.pattern && !new RegExp(schema.pattern).test(text)) return 'invalid';
  if (schema.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(text)) return 'invalid';
  if (codePoints(text) < (schema.minLength ?? 0) || codePoints(text) > (schema.maxLength ?? Infinity)) return 'invalid';
  // Within the code points JSON Schema counts but not the UTF-16 code units the contracts count.
  if (text.length > (schema.maxLength ?? Infinity)) return 'odd';
  return 'valid';
}

function stringValues(schema: JsonSchema): FuzzValue[] {
  const max = schema.maxLength;
  const min = schema.minLength ?? 0;
  const texts: [string, string][] = [
    ['empty', ''],
    ['NUL', 'a\u0000b'],
    ['unpaired high surrogate', 'a\ud800b'],
    ['unpaired low surrogate', '\udc00'],
    ['surrogates in the wrong order', '\udc00\ud800'],
    ['10 000 characters', repeat('x', 10_000)],
    ...ODD_TEXT,
  ];
  if (min > 1) texts.push([`minLength-1 (${min - 1})`, repeat('x', min - 1)]);
  if (min > 0) texts.push([`minLength (${min})`, repeat('x', min)]);
  if (max !== undefined) {
    texts.push([`maxLength (${max})`, repeat('x', max)], [`maxLength+1 (${max + 1})`, repeat('x', max + 1)]);
    texts.push([`maxLength of CJK (${max})`, repeat('修', max)], [`maxLength+1 of CJK`, repeat('修', max + 1)]);
    texts.push([`maxLength of 4-byte characters (${max} code points)`, repeat('😀', max)]);
    texts.push([`half maxLength of 4-byte characters`, repeat('😀', Math.floor(max / 2))]);
    texts.push([`maxLength of presentation sequences (${2 * max} code points)`, repeat('a\uFE0F', max)]);
  }
  if (schema.enum?.length) {
    const first = String(schema.enum[0]);
    texts.push(['not in the enum', `${first}-not`], ['enum in upper case', first.toUpperCase()], ['enum with a space', ` ${first}`]);
    for (const value of schema.enum.slice(1)) texts.push([`enum ${String(value)}`, String(value)]);
  }
  if (schema.format === 'uuid') texts.push(['not a UUID', 'not-a-uuid'], ['UUID v1', 'a8098c1a-f86e-11da-bd1a-00112444be1e']);
  if (typeof schema.example === 'string') {
    // Every run of digits at its extreme: numbers inside text must still fit where they go.
    texts.push(['example with 20-digit numbers', schema.example.replace(/\d+/g, '9'.repeat(20))]);
    texts.push(['example with 19-digit numbers', schema.example.replace(/\d+/g, '9'.repeat(19))]);
    texts.push(['example with negative numbers', schema.example.replace(/\d+/g, '-1')]);
  }
  return texts.map(([label, text]) => ({ label, value: text, verdict: !isStorableText(text) ? 'invalid' : stringVerdict(schema, text) }));
}


function numberValues(schema: JsonSchema): FuzzValue[] {
  const integer = schema.type === 'integer';
  const inRange = (n: number) => n >= (schema.minimum ?? -Infinity) && n <= (schema.maximum ?? Infinity);
  const verdictOf = (n: number): Verdict => (Number.isFinite(n) && (!integer || Number.isInteger(n)) && inRange(n) ? 'valid' : 'invalid');
  const values: FuzzValue[] = [];
  const add = (label: string, n: number) => values.push({ label, value: n, verdict: verdictOf(n) });
  if (schema.minimum !== undefined) {
    add('minimum', schema.minimum);
    add('minimum-1', schema.minimum - 1);
  }
  if (schema.maximum !== undefined) {
    add('maximum', schema.maximum);
    add('maximum+1', schema.maximum + 1);
  }
  add('zero', 0);
  add('-1', -1);
  add('2^53', 2 ** 53);
  add('-2^63', -(2 ** 63));
  add(integer ? 'float for an integer' : 'fraction', (schema.minimum ?? 0) + 0.5);
  values.push({ label: '1e309 (Infinity)', raw: '1e309', verdict: 'invalid' });
  values.push({ label: '-1e309', raw: '-1e309', verdict: 'invalid' });
  values.push({ label: '-0', raw: '-0', verdict: verdictOf(0) });
  values.push({ label: '1e-400 (underflows to 0)', raw: '1e-400', verdict: verdictOf(0) });
  values.push({ label: '"NaN"', value: 'NaN', verdict: 'invalid' });
  values.push({ label: 'number as a string', value: String(validValueOf(schema)), verdict: 'invalid' });
  values.push({ label: 'number in an array', value: [validValueOf(schema)], verdict: 'invalid' });
  return values;
}

/** Values of the wrong JSON type: arrays and objects where scalars belong, and the reverse. */
function wrongTypes(schema: JsonSchema): FuzzValue[] {
  const all: [string, string, unknown][] = [
    ['string', 'a string', 'x'],
    ['number', 'a number', 12345],
    ['boolean', 'true', true],
    ['boolean', 'false', false],
    ['null', 'null', null],
    ['array', 'an empty array', []],
    ['array', 'an array of strings', ['x', 'y']],
    ['object', 'an empty object', {}],
    ['object', 'an object', { a: 'b' }],
    ['object', 'an object with __proto__', JSON.parse('{"__proto__":{"polluted":true}}')],
  ];
  const own = schema.type === 'integer' ? 'number' : schema.type;
  return [
    ...all.filter(([type]) => type !== own).map(([, label, value]): FuzzValue => ({ label: `${label} for a ${schema.type ?? 'value'}`, value, verdict: 'invalid' })),
    // Deeper than JSON.stringify (or any recursive walk) can go.
    { label: '10 000 levels of arrays', raw: `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`, verdict: 'invalid' },
  ];
}

/** Every value the fuzz sends for one JSON body property. */
export function bodyValuesOf(schema: JsonSchema, required: boolean): FuzzValue[] {
  const own = schema.type === 'integer' || schema.type === 'number' ? numberValues(schema) : schema.type === 'string' ? stringValues(schema) : [];
  return [
    { label: 'left out', absent: true, verdict: required ? 'invalid' : 'valid' },
    ...own,
    ...wrongTypes(schema).filter((v) => !(v.value === null && schema.type === undefined)),
  ];
}

/** Values of a query or path parameter: text, so numbers are written and types are shapes. */
export function parameterValuesOf(schema: JsonSchema, required: boolean): FuzzValue[] {
  const values: FuzzValue[] = [{ label: 'left out', absent: true, verdict: required ? 'invalid' : 'valid' }];
  if (schema.type === 'integer' || schema.type === 'number') {
    for (const v of numberValues(schema)) {
      if (v.raw !== undefined) values.push({ label: v.label, value: v.raw, verdict: v.verdict === 'invalid' ? 'invalid' : 'odd' });
      else if (typeof v.value === 'number') values.push({ label: v.label, value: String(v.value), verdict: v.verdict });
    }
    values.push({ label: 'not a number', value: 'abc', verdict: 'invalid' }, { label: 'empty', value: '', verdict: 'odd' });
    values.push({ label: 'hexadecimal', value: '0x10', verdict: 'odd' }, { label: 'padded', value: ' 5 ', verdict: 'odd' });
  } else {
    values.push(...stringValues(schema).filter((v) => typeof v.value === 'string' && (v.value as string).length <= 10_000));
  }
  values.push({ label: 'given twice (an array)', value: [String(validValueOf(schema)), String(validValueOf(schema))], verdict: 'invalid' });
  return values;
}
