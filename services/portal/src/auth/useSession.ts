import { useSyncExternalStore } from 'react';
import { getSession, Session, subscribe } from './session';

export const useSession = (): Session | null => useSyncExternalStore(subscribe, getSession, getSession);
