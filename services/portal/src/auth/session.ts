import { isRole, Role } from './roles';

/** The signed-in account, as identity answers it at login. */
export interface Account {
  id: string;
  username: string;
  name: string;
  role: Role;
  schoolId?: string;
  posts: string[];
}

export interface Session {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires (ms since epoch). */
  expiresAt: number;
  mustChangePassword: boolean;
  account: Account;
}

/** identity's answer to login, refresh and password change. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
  mustChangePassword?: boolean;
  account?: Account;
}

export type EndReason = 'logout' | 'idle' | 'expired';

/**
 * Where the tokens live: in memory, mirrored to sessionStorage.
 * - Memory serves every request; sessionStorage lets a reload (F5) or a new page of the same tab keep the
 *   session, which a school secretary's browser does all day.
 * - sessionStorage, not localStorage: it belongs to one tab and is gone when the tab or browser closes, which
 *   matters on the shared computers of school offices; a session never outlives the window it was opened in.
 * - Not a cookie: identity answers the tokens in the body and the gateway serves a CSP that forbids inline
 *   and foreign scripts, which is what stands between an injected script and either storage. An httpOnly
 *   refresh cookie set by the gateway would be stronger; it needs the gateway to terminate the refresh.
 */
const KEY = 'houqin.session';
const RETURN_KEY = 'houqin.returnTo';
const ENDED_KEY = 'houqin.ended';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = load();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

function load(): Session | null {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (typeof s.accessToken !== 'string' || !s.account || !isRole(s.account.role)) return null;
    return s;
  } catch {
    return null;
  }
}

export const getSession = (): Session | null => current;

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setSession(session: Session | null, reason?: EndReason): void {
  current = session;
  const store = storage();
  if (session) {
    store?.setItem(KEY, JSON.stringify(session));
    store?.removeItem(ENDED_KEY);
  } else {
    store?.removeItem(KEY);
    if (reason) store?.setItem(ENDED_KEY, reason);
  }
  for (const l of listeners) l();
}

/** Why the last session ended (shown once on the login page). */
export function takeEndReason(): EndReason | undefined {
  const store = storage();
  const reason = store?.getItem(ENDED_KEY) as EndReason | null;
  store?.removeItem(ENDED_KEY);
  return reason ?? undefined;
}

/** Where to go back to after the next login (a page the idle timeout or an expiry interrupted). */
export function rememberReturn(path: string): void {
  if (!path.startsWith('/login') && !path.startsWith('/password')) storage()?.setItem(RETURN_KEY, path);
}

export function takeReturn(): string | undefined {
  const store = storage();
  const path = store?.getItem(RETURN_KEY) ?? undefined;
  store?.removeItem(RETURN_KEY);
  return path && path.startsWith('/') && !path.startsWith('//') ? path : undefined;
}

export function sessionFromTokens(pair: TokenPair, account: Account, now = Date.now()): Session {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: now + pair.expiresIn * 1000,
    mustChangePassword: pair.mustChangePassword ?? false,
    account,
  };
}

/** The claims of a JWT, unverified (the services verify; the portal only reads who it is for). */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const json = decodeURIComponent(
      Array.from(atob(base64))
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Runs `refresh` one minute before the access token expires (at once if that has passed). */
export function scheduleRefresh(refresh: () => void): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = undefined;
  if (!current?.refreshToken) return;
  const wait = Math.max(current.expiresAt - Date.now() - 60_000, 1_000);
  refreshTimer = setTimeout(refresh, Math.min(wait, 2 ** 31 - 1));
}
