import { AccountEvent, AccountPost, AccountRole } from '@houqin/contracts';
import { unknownEvent } from '@houqin/event-sourcing';

interface Existing {
  status: 'active' | 'disabled';
  accountId: string;
  /** The account's school, or DISTRICT_SCOPE for district roles. Fixed for the account's life. */
  schoolId: string;
  username: string;
  displayName: string;
  phone: string;
  role: AccountRole;
  posts: AccountPost[];
  /** Names the credentials row holding the current password's hash (never the hash). */
  credentialId: string;
  mustChangePassword: boolean;
  /** Wrong passwords in a row since the last success or lockout. */
  failures: number;
  lockedUntil?: string;
  lastLoginAt?: string;
  createdAt: string;
  updatedAt: string;
}

export type AccountState = { status: 'none' } | Existing;
export type ExistingAccount = Existing;

export const initialState = (): AccountState => ({ status: 'none' });

export function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountCreated': {
      const { createdBy: _by, source: _source, createdAt, ...account } = event.data;
      return { status: 'active', ...account, failures: 0, createdAt, updatedAt: createdAt };
    }
    case 'AccountDisabled':
      return { ...existing(state), status: 'disabled', updatedAt: event.data.disabledAt };
    case 'AccountEnabled': {
      const { lockedUntil: _lock, ...account } = existing(state);
      return { ...account, status: 'active', failures: 0, updatedAt: event.data.enabledAt };
    }
    case 'AccountRoleChanged':
      return { ...existing(state), role: event.data.role, posts: event.data.posts, updatedAt: event.data.changedAt };
    case 'AccountPasswordReset': {
      const { lockedUntil: _lock, ...account } = existing(state);
      return { ...account, credentialId: event.data.credentialId, mustChangePassword: true, failures: 0, updatedAt: event.data.resetAt };
    }
    case 'AccountPasswordChanged':
      return { ...existing(state), credentialId: event.data.credentialId, mustChangePassword: false, failures: 0, updatedAt: event.data.changedAt };
    case 'AccountLoggedIn': {
      const { lockedUntil: _lock, ...account } = existing(state);
      return { ...account, failures: 0, lastLoginAt: event.data.loggedInAt };
    }
    case 'AccountLoginFailed':
      return event.data.reason === 'wrong-password' ? { ...existing(state), failures: event.data.consecutiveFailures } : existing(state);
    case 'AccountLockedOut':
      // The count starts again once the lock has passed.
      return { ...existing(state), failures: 0, lockedUntil: event.data.lockedUntil };
    case 'AccountLoggedOut':
    case 'AccountSessionRevoked':
      return existing(state);
    default:
      return unknownEvent(event);
  }
}

function existing(state: AccountState): Existing {
  if (state.status === 'none') throw new Error('Account event on an account that was never created');
  return state;
}

/** Locked at `now` (ISO 8601)? */
export const isLocked = (account: Existing, now: string): boolean => account.lockedUntil !== undefined && Date.parse(now) < Date.parse(account.lockedUntil);
