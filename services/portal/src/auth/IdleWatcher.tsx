import { useEffect } from 'react';
import { endSession } from '../api/client';
import { useSession } from './useSession';

/** Minutes without a key, click, touch or scroll after which the portal logs out (等保: idle session timeout). */
export const IDLE_MINUTES = Number(import.meta.env.VITE_IDLE_MINUTES ?? 15);
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Logs out after IDLE_MINUTES without activity in this tab, remembering the page so that the next login returns to it
 * (each tab has its own session, see session.ts). A test may shorten the limit with `sessionStorage['houqin.idleMs']`.
 */
export function IdleWatcher() {
  const session = useSession();
  const signedIn = session !== null;
  useEffect(() => {
    if (!signedIn) return;
    const limit = Number(sessionStorage.getItem('houqin.idleMs')) || IDLE_MINUTES * 60_000;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= limit) endSession('idle');
    }, Math.min(limit / 4, 10_000));
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
    };
  }, [signedIn]);
  return null;
}
