import { Account, EndReason, getSession, rememberReturn, scheduleRefresh, Session, sessionFromTokens, setSession, TokenPair } from '../auth/session';
import { ApiError, asErrorBody } from './errors';

/** The services behind the gateway (and Vite's dev proxy): every call is `/api/<service>/…`, same origin. */
export type Service = 'identity' | 'facilities' | 'bureau' | 'audit';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  /** Facilities commands: one key per user action, kept across retries of it. */
  idempotencyKey?: string;
  /** Login and refresh: never refresh-and-retry on their 401. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export function urlOf(service: Service, path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/${service}${path}${qs ? `?${qs}` : ''}`;
}

/** A v4 UUID from getRandomValues, which (unlike randomUUID) also exists on plain-http LAN addresses. */
export function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let onSessionEnd: (reason: EndReason) => void = () => undefined;
/** The app says how to leave (to the login page, remembering where the user was). */
export function setSessionEndHandler(handler: (reason: EndReason) => void): void {
  onSessionEnd = handler;
}

async function send(method: string, service: Service, path: string, options: RequestOptions, token?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  try {
    return await fetch(urlOf(service, path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0);
  }
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, asErrorBody(json), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  return json as T;
}

/**
 * One call to a service with the session's token. A 401 is met once by refreshing the tokens and
 * retrying; a second one ends the session (the app returns to login and back here afterwards).
 */
export async function api<T>(method: string, service: Service, path: string, options: RequestOptions = {}): Promise<T> {
  const session = getSession();
  let response = await send(method, service, path, options, options.anonymous ? undefined : session?.accessToken);
  if (response.status === 401 && !options.anonymous && session) {
    const renewed = session.refreshToken ? await refreshTokens().catch(() => null) : null;
    if (renewed) response = await send(method, service, path, options, renewed.accessToken);
    if (response.status === 401) {
      endSession('expired');
    }
  }
  if (response.status === 403 && session && !session.mustChangePassword) {
    // A token for the forced password change only (identity's pwd_change tokens): back to that page.
    const error = await parse<T>(response).catch((err: unknown) => err);
    if (error instanceof ApiError && error.code === 'password-change-required') setSession({ ...session, mustChangePassword: true });
    throw error;
  }
  return parse<T>(response);
}

export const get = <T>(service: Service, path: string, query?: RequestOptions['query'], signal?: AbortSignal) => api<T>('GET', service, path, { query, signal });
export const post = <T>(service: Service, path: string, body?: unknown, options: RequestOptions = {}) => api<T>('POST', service, path, { ...options, body: body ?? {} });

// ---- identity: login, refresh, password change, logout ----

export interface LoginAnswer extends TokenPair {
  mustChangePassword: boolean;
  account: Account;
}

export async function login(username: string, password: string): Promise<Session> {
  const answer = await api<LoginAnswer>('POST', 'identity', '/auth/login', { body: { username, password }, anonymous: true });
  const session = sessionFromTokens(answer, answer.account);
  setSession(session);
  scheduleRefresh(() => void refreshTokens().catch(() => endSession('expired')));
  return session;
}

let refreshing: Promise<Session> | null = null;

/** Rotates the token pair (identity revokes the family if an old refresh token is ever reused). One at a time. */
export function refreshTokens(): Promise<Session> {
  if (refreshing) return refreshing;
  const session = getSession();
  if (!session?.refreshToken) return Promise.reject(new ApiError(401));
  refreshing = api<TokenPair>('POST', 'identity', '/auth/refresh', { body: { refreshToken: session.refreshToken }, anonymous: true })
    .then((pair) => {
      const renewed = sessionFromTokens(pair, pair.account ?? session.account);
      renewed.mustChangePassword = pair.mustChangePassword ?? session.mustChangePassword;
      setSession(renewed);
      scheduleRefresh(() => void refreshTokens().catch(() => endSession('expired')));
      return renewed;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  const session = getSession();
  const pair = await api<TokenPair>('POST', 'identity', '/auth/password', { body: { currentPassword, newPassword } });
  const renewed = sessionFromTokens(pair, pair.account ?? session!.account);
  renewed.mustChangePassword = false;
  setSession(renewed);
  scheduleRefresh(() => void refreshTokens().catch(() => endSession('expired')));
  return renewed;
}

/** Revokes the refresh token at identity (best effort) and forgets the session. */
export async function logout(reason: EndReason = 'logout'): Promise<void> {
  const session = getSession();
  setSession(null, reason);
  scheduleRefresh(() => undefined);
  if (session?.refreshToken) {
    await send('POST', 'identity', '/auth/logout', { body: { refreshToken: session.refreshToken } }, session.accessToken).catch(() => undefined);
  }
}

/** Ends the session for idle time or expiry, remembering the page to come back to. */
export function endSession(reason: EndReason): void {
  if (!getSession()) return;
  if (reason !== 'logout' && typeof window !== 'undefined') rememberReturn(window.location.pathname + window.location.search);
  void logout(reason);
  onSessionEnd(reason);
}

/** After a reload: resume refreshing a stored session. */
export function resumeSession(): void {
  scheduleRefresh(() => void refreshTokens().catch(() => endSession('expired')));
}
