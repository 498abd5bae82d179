/**
 * Text that PostgreSQL's jsonb/text cannot hold (NUL) or that is not well-formed UTF-16
 * (an unpaired surrogate: RFC 8785 canonical JSON, hence the hash chain, refuses it).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** Paths (`payload.items.0.name`) of every string, key included, that cannot be stored. */
export function unstorableTextPaths(value: unknown, path: string, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (!isStorableText(value)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableTextPaths(item, `${path}.${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) out.push(`${path}.(key)`);
      unstorableTextPaths(item, `${path}.${key}`, out);
    }
  }
  return out;
}
