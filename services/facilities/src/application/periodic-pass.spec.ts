import { Logger } from '@nestjs/common';
import { intervalFromEnv, PeriodicPass } from './periodic-pass';

const quiet = { warn: () => undefined } as unknown as Logger;

describe('a periodic pass (the schedulers and the process manager)', () => {
  it('joins a pass still running instead of starting a second one', async () => {
    let passes = 0;
    let finish!: () => void;
    const pass = new PeriodicPass(() => {
      passes++;
      return new Promise<number>((resolve) => (finish = () => resolve(7)));
    }, quiet);
    const first = pass.tick();
    const second = pass.tick();
    finish();
    await expect(Promise.all([first, second])).resolves.toEqual([7, 7]);
    expect(passes).toBe(1);
  });

  it('aborts a long pass on stop, between its pages, and stop waits for it to end', async () => {
    let pages = 0;
    const pass = new PeriodicPass(async (signal) => {
      while (!signal.aborted) {
        pages++;
        await new Promise((r) => setTimeout(r, 5)); // one page of commands
      }
      return pages;
    }, quiet);
    const running = pass.tick();
    await new Promise((r) => setTimeout(r, 30));
    await pass.stop();
    const done = await running;
    expect(done).toBeGreaterThan(0);
    expect(pages).toBe(done); // no page after the stop
  });

  it('reads its interval from the environment: the default, 0 for no timer, nonsense refused', () => {
    expect(intervalFromEnv('X_MS', 2_000, {})).toBe(2_000);
    expect(intervalFromEnv('X_MS', 2_000, { X_MS: '0' })).toBe(0);
    expect(() => intervalFromEnv('X_MS', 2_000, { X_MS: '-1' })).toThrow(/whole number/);
  });
});
