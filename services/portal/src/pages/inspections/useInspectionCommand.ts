import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { newKey, post } from '../../api/client';
import type { CommandAccepted } from '../../api/types';
import { rememberPosition } from './api';

/** An inspection command: one Idempotency-Key per user action (renewed after a success); the inspection lists are refreshed. */
export function useInspectionCommand<V extends object>(path: (vars: V) => string) {
  const client = useQueryClient();
  const key = useRef(newKey());
  return useMutation({
    mutationFn: (vars: V) => post<CommandAccepted & { planId: string; inspectionId?: string }>('facilities', path(vars), withoutBlanks(vars), { idempotencyKey: key.current }),
    onSuccess: async (accepted) => {
      key.current = newKey();
      rememberPosition(accepted.position);
      await client.invalidateQueries({ queryKey: ['inspections'] });
    },
  });
}

// A cleared InputNumber is null: left out like an empty text (the service refuses null for an optional field).
const withoutBlanks = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== ''));
