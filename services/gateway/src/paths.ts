/** The path of a request URL, without its query string. */
export const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
};

/**
 * Refused before routing: dot segments (`..`, `.`), and the encodings that hide a path separator or a dot
 * (`%2e`, `%2f`, `%5c`, a backslash) or cut a string (NUL). No route of the portal or of a service needs them;
 * they would let a request climb out of the portal's folder or out of a service's prefix.
 */
export function isSafePath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  if (/%2e|%2f|%5c|%00|\\|\0/i.test(path)) return false;
  return !path.split('/').some((segment) => segment === '.' || segment === '..');
}

/**
 * The form of a path the services' router would treat as the same route: percent-decoded, runs of slashes
 * collapsed, no trailing slash, lower case. Used to recognise the login route however it is spelled, so the
 * rate limit cannot be walked around by `/api/identity//auth/%6Cogin/`.
 */
export function canonicalPath(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return decoded.replace(/\/{2,}/g, '/').replace(/(.)\/+$/, '$1').toLowerCase();
}
