import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { newKey, post } from '../../api/client';
import type { CommandAccepted } from '../../api/types';

/** A meter command: one Idempotency-Key per user action (renewed after a success); the energy lists are refreshed. */
export function useEnergyCommand<V extends object>(path: (vars: V) => string) {
  const client = useQueryClient();
  const key = useRef(newKey());
  return useMutation({
    mutationFn: (vars: V) => post<CommandAccepted & { meterId: string; readingId?: string }>('facilities', path(vars), withoutBlanks(vars), { idempotencyKey: key.current }),
    onSuccess: async () => {
      key.current = newKey();
      await client.invalidateQueries({ queryKey: ['energy'] });
    },
  });
}

const withoutBlanks = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));

/** A Beijing local time from an antd DatePicker (dayjs) as the ISO instant with offset the services take. */
export const beijingInstant = (value?: { format(pattern: string): string } | null) => (value ? `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : undefined);
