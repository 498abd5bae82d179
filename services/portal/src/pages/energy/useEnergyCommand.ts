import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { newKey, post } from '../../api/client';
import type { CommandAccepted } from '../../api/types';
import { rememberPosition } from './api';

/**
 * A meter command: one Idempotency-Key per user action, kept while the same values are sent again (a retry) and
 * renewed for other values (a reading corrected after a refusal is a new action). After a success the energy lists
 * are read again, consistent with the command's position (read-your-writes).
 * `pathKeys` name the values that go into the path, not the body (the services refuse a field they do not know).
 */
export function useEnergyCommand<V extends object>(path: (vars: V) => string, pathKeys: readonly (keyof V)[] = []) {
  const client = useQueryClient();
  const attempt = useRef({ key: newKey(), body: '' });
  return useMutation({
    mutationFn: (vars: V) => {
      const body = withoutBlanks(vars, pathKeys as readonly PropertyKey[]);
      const text = `${path(vars)} ${JSON.stringify(body)}`;
      if (text !== attempt.current.body) attempt.current = { key: newKey(), body: text };
      return post<CommandAccepted & { meterId: string; readingId?: string }>('facilities', path(vars), body, { idempotencyKey: attempt.current.key });
    },
    onSuccess: async (accepted) => {
      attempt.current = { key: newKey(), body: '' };
      rememberPosition(accepted.position);
      await client.invalidateQueries({ queryKey: ['energy'] });
    },
  });
}

const withoutBlanks = (value: object, omit: readonly PropertyKey[]) => Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== undefined && v !== '' && !omit.includes(k)));

/** A Beijing local time from an antd DatePicker (dayjs) as the ISO instant with offset the services take. */
export const beijingInstant = (value?: { format(pattern: string): string } | null) => (value ? `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : undefined);
