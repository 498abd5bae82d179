import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../../api/client';
import { CommandKey } from '../../api/commandKey';
import type { CommandAccepted } from '../../api/types';
import { rememberPosition } from './api';

/** An inspection command: one Idempotency-Key per user action (CommandKey); the inspection lists are refreshed. */
export function useInspectionCommand<V extends object>(path: (vars: V) => string) {
  const client = useQueryClient();
  const key = useRef(new CommandKey());
  return useMutation({
    mutationFn: (vars: V) => post<CommandAccepted & { planId: string; inspectionId?: string }>('facilities', path(vars), withoutBlanks(vars), { idempotencyKey: key.current.value }),
    onError: (err) => key.current.settled(err),
    onSuccess: async (accepted) => {
      key.current.settled();
      rememberPosition(accepted.position);
      await client.invalidateQueries({ queryKey: ['inspections'] });
    },
  });
}

// A cleared InputNumber is null: left out like an empty text (the service refuses null for an optional field).
const withoutBlanks = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== ''));
