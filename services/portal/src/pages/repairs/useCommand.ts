import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../../api/client';
import { CommandKey } from '../../api/commandKey';
import { CommandAccepted } from '../../api/types';

/**
 * A facilities command: one Idempotency-Key per user action (CommandKey: a retry of an unanswered action replays
 * its first answer; a new key once answered), If-Match with the version the user saw (409 if it moved).
 */
export function useCommand<V extends object>(path: (vars: V) => string, version?: number) {
  const client = useQueryClient();
  const key = useRef(new CommandKey());
  return useMutation({
    mutationFn: (vars: V) =>
      post<CommandAccepted>('facilities', path(vars), stripUndefined(vars), {
        idempotencyKey: key.current.value,
        headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
      }),
    onError: (err) => key.current.settled(err),
    onSuccess: async () => {
      key.current.settled();
      await client.invalidateQueries({ queryKey: ['work-orders'] });
      await client.invalidateQueries({ queryKey: ['work-order'] });
      await client.invalidateQueries({ queryKey: ['work-order-history'] }); // the timeline shows the new event
    },
  });
}

const stripUndefined = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
