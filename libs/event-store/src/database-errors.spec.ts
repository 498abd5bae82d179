import { backoffDelay, classifyDatabaseError, classifySqlState, isTransientDatabaseError, mayHaveCommitted } from './database-errors';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('classifyDatabaseError', () => {
  it.each([
    ['40001', 'serialization_failure', 'transient'],
    ['40P01', 'deadlock_detected', 'transient'],
    ['53300', 'too_many_connections', 'transient'],
    ['53200', 'out_of_memory', 'transient'],
    ['57014', 'query_canceled (statement_timeout)', 'transient'],
    ['57P01', 'admin_shutdown', 'transient'],
    ['57P03', 'cannot_connect_now', 'transient'],
    ['08006', 'connection_failure', 'transient'],
    ['08001', 'unable_to_connect', 'transient'],
    ['25006', 'read_only_sql_transaction (failover)', 'transient'],
    ['55P03', 'lock_not_available', 'transient'],
    ['55006', 'object_in_use', 'transient'],
    ['22P05', 'untranslatable_character (NUL in jsonb)', 'permanent'],
    ['22012', 'division_by_zero', 'permanent'],
    ['23502', 'not_null_violation', 'permanent'],
    ['42P01', 'undefined_table', 'permanent'],
    ['42601', 'syntax_error', 'permanent'],
    ['0A000', 'feature_not_supported', 'permanent'],
    ['P0001', 'raise_exception', 'permanent'],
    ['08P01', 'protocol_violation (too many bind parameters)', 'permanent'],
    ['28P01', 'invalid_password', 'permanent'],
  ])('%s (%s) is %s', (code, _name, kind) => {
    expect(classifyDatabaseError(pgError(code))).toBe(kind);
  });

  it('calls a unique or exclusion violation, and the store compare-and-set refusal, a conflict', () => {
    for (const code of ['23505', '23P01', 'HQ409']) expect(classifySqlState(code)).toBe('conflict');
  });

  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    [new Error('Connection terminated unexpectedly')],
    [new Error('Connection terminated due to connection timeout')],
    [new Error('timeout exceeded when trying to connect')],
    [Object.assign(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]))],
    [new Error('query failed', { cause: pgError('53300') })],
  ])('node-pg, network and pool errors are transient: %s', (err) => {
    expect(classifyDatabaseError(err)).toBe('transient');
  });

  it('does not guess about errors that are not the database', () => {
    expect(classifyDatabaseError(new Error('projection bug'))).toBe('unknown');
    expect(classifyDatabaseError(new TypeError('x is undefined'))).toBe('unknown');
    expect(classifyDatabaseError(undefined)).toBe('unknown');
    expect(classifyDatabaseError('text')).toBe('unknown');
    expect(classifyDatabaseError(pgError('XX000'))).toBe('unknown');
    expect(isTransientDatabaseError(new Error('projection bug'))).toBe(false);
  });

  it('tells a refused statement (rolled back) from a lost connection (commit unknown)', () => {
    expect(mayHaveCommitted(pgError('57014'))).toBe(false);
    expect(mayHaveCommitted(pgError('53300'))).toBe(false);
    expect(mayHaveCommitted(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(mayHaveCommitted(pgError('57P01'))).toBe(true);
    expect(mayHaveCommitted(pgError('40003'))).toBe(true);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap, with jitter in the upper half', () => {
    const draws = (attempt: number) => Array.from({ length: 200 }, () => backoffDelay(attempt, 100, 1000));
    for (const [attempt, ceiling] of [[1, 100], [2, 200], [4, 800], [5, 1000], [30, 1000]]) {
      const d = draws(attempt);
      expect(Math.min(...d)).toBeGreaterThanOrEqual(ceiling / 2);
      expect(Math.max(...d)).toBeLessThanOrEqual(ceiling);
      expect(new Set(d).size).toBeGreaterThan(1);
    }
  });
});
