import { ServiceUnavailableException } from '@nestjs/common';
import { awaitReadModel, PositionWaiter, READ_MODEL_BEHIND } from './read-your-writes';

const waiter = (caughtUp: boolean): PositionWaiter & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return { asked, waitFor: async (position, timeoutMs) => (asked.push([position, timeoutMs]), caughtUp) };
};
const headers = () => {
  const set = new Map<string, string>();
  return { set, header: (name: string, value: string) => set.set(name, value) };
};

describe('awaitReadModel (read-your-writes)', () => {
  it('does not wait without a position', async () => {
    const w = waiter(false);
    await awaitReadModel(w, undefined, headers());
    expect(w.asked).toEqual([]);
  });

  it('lets the read through once the read model has the position, within the bound', async () => {
    const w = waiter(true);
    const response = headers();
    await awaitReadModel(w, '42', response, { timeoutMs: 500 });
    expect(w.asked).toEqual([['42', 500]]);
    expect(response.set.size).toBe(0);
  });

  it('answers 503 with Retry-After and a bilingual message when the read model stays behind', async () => {
    const response = headers();
    const failure = awaitReadModel(waiter(false), '42', response, { retryAfterSeconds: 3 });
    await expect(failure).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(failure).rejects.toMatchObject({ response: { code: READ_MODEL_BEHIND, messageZh: expect.stringContaining('3 秒后重试') } });
    expect(response.set.get('Retry-After')).toBe('3');
  });
});
