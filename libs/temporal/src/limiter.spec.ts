import { KeyedLimiter } from './limiter';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLimiter', () => {
  it('runs at most `limit` operations per key at once, the rest in arrival order', async () => {
    const limiter = new KeyedLimiter(2);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const runs = [0, 1, 2, 3, 4].map((i) =>
      limiter.run('wf-a', async () => {
        started.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    releases[0]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    releases[1]();
    releases[2]();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    releases[3]();
    releases[4]();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(limiter.activeKeys).toBe(0);
  });

  it('keeps keys apart: a busy workflow does not hold up another', async () => {
    const limiter = new KeyedLimiter(1);
    let release!: () => void;
    const busy = limiter.run('wf-a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(limiter.run('wf-b', async () => 'b')).resolves.toBe('b');
    release();
    await busy;
  });

  it('passes a failure to its caller and still frees the slot', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('wf-a', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(limiter.run('wf-a', async () => 'next')).resolves.toBe('next');
    expect(limiter.activeKeys).toBe(0);
  });

  it.each([0, -1, 1.5])('refuses a limit of %p', (limit) => {
    expect(() => new KeyedLimiter(limit)).toThrow(RangeError);
  });
});
