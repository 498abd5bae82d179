import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { newKey, post } from '../../api/client';
import { CommandAccepted } from '../../api/types';

/**
 * A facilities command: one Idempotency-Key per user action (a retry of the same action replays its first
 * answer; the key is renewed after a success), If-Match with the version the user saw (409 if it moved).
 */
export function useCommand<V extends object>(path: (vars: V) => string, version?: number) {
  const client = useQueryClient();
  const key = useRef(newKey());
  return useMutation({
    mutationFn: (vars: V) =>
      post<CommandAccepted>('facilities', path(vars), stripUndefined(vars), {
        idempotencyKey: key.current,
        headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
      }),
    onSuccess: async () => {
      key.current = newKey();
      await client.invalidateQueries({ queryKey: ['work-orders'] });
      await client.invalidateQueries({ queryKey: ['work-order'] });
      await client.invalidateQueries({ queryKey: ['work-order-history'] }); // the timeline shows the new event
    },
  });
}

const stripUndefined = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
