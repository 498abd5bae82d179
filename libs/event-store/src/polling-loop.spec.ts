import { CycleOutcome, PollingLoop, PollingLoopOptions } from './polling-loop';

/** Runs a loop whose cycles answer the scripted outcomes, recording when each cycle started. */
function scripted(outcomes: (CycleOutcome | Error)[], options: Partial<PollingLoopOptions> = {}) {
  const starts: number[] = [];
  const errors: string[] = [];
  const t0 = Date.now();
  const loop = new PollingLoop(
    async () => {
      starts.push(Date.now() - t0);
      const next = outcomes.shift() ?? 'idle';
      if (next instanceof Error) throw next;
      return next;
    },
    { pollIntervalMs: 10_000, coalesceMs: 1, lingerMs: 60, onError: (e) => errors.push(e.message), ...options },
  );
  loops.push(loop);
  return { loop, starts, errors };
}

// Fake timers (Date.now included): the loop's waits are checked exactly, never by sleeping.
const sleep = (ms: number) => jest.advanceTimersByTimeAsync(ms);
const loops: PollingLoop[] = [];
beforeEach(() => jest.useFakeTimers());
afterEach(async () => {
  await Promise.all(loops.splice(0).map((l) => l.stop()));
  jest.useRealTimers();
});

describe('PollingLoop', () => {
  it('sleeps when idle until a commit hint wakes it', async () => {
    const { loop, starts } = scripted(['idle', 'idle']);
    loop.start();
    await sleep(30);
    expect(starts).toHaveLength(1);
    loop.notify();
    await sleep(30);
    expect(starts).toHaveLength(2);
    await loop.stop();
  });

  it('after a partial page, lingers before the next cycle even when hinted', async () => {
    const { loop, starts } = scripted(['some', 'idle']);
    loop.start();
    await sleep(5);
    loop.notify();
    await sleep(25);
    expect(starts).toHaveLength(1); // the hint did not cut the linger short
    await sleep(60);
    expect(starts).toHaveLength(2);
    expect(starts[1] - starts[0]).toBe(60);
    await loop.stop();
  });

  it('after a full page, goes again at once', async () => {
    const { loop, starts } = scripted(['full', 'full', 'idle']);
    loop.start();
    await sleep(20);
    expect(starts).toHaveLength(3);
    await loop.stop();
  });

  it('a hint during a cycle is kept: the next idle sleep is skipped', async () => {
    let release!: () => void;
    const starts: number[] = [];
    const loop = new PollingLoop(
      async () => {
        starts.push(Date.now());
        if (starts.length === 1) await new Promise<void>((r) => (release = r));
        return 'idle';
      },
      { pollIntervalMs: 10_000, coalesceMs: 1, lingerMs: 60, onError: () => undefined },
    );
    loops.push(loop);
    loop.start();
    await sleep(5);
    loop.notify(); // arrives while the first cycle is at work
    await sleep(10);
    release();
    await sleep(10);
    expect(starts).toHaveLength(2);
    await loop.stop();
  });

  it('reports a failed cycle and backs off before trying again', async () => {
    const { loop, starts, errors } = scripted([new Error('connection refused'), 'idle']);
    loop.start();
    await sleep(50);
    expect(errors).toEqual(['connection refused']);
    expect(starts).toHaveLength(1); // backing off (100 ms)
    await sleep(100);
    expect(starts).toHaveLength(2);
    await loop.stop();
  });

  it('stop() ends a linger at once', async () => {
    const { loop } = scripted(['some'], { lingerMs: 10_000 });
    loop.start();
    await sleep(5);
    let stopped = false;
    void loop.stop().then(() => (stopped = true));
    await sleep(0);
    expect(stopped).toBe(true);
  });
});
