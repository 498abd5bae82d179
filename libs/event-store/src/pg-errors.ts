/** SQLSTATEs the store reacts to. */
export const UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (err: unknown, constraint?: string): boolean => {
  const e = err as { code?: string; constraint?: string };
  return e?.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
};
