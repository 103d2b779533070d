function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
}

/** At most `limit` calls at once across every caller; the rest wait in arrival order. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    checkLimit(limit);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over by the finisher
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/**
 * A `Limiter` per key, forgotten once idle. The API sends a workflow's updates through one of these: Temporal refuses
 * more than a few in-flight updates on one workflow (RESOURCE_EXHAUSTED), and a burst on one product (a
 * double-clicking office, a script) then spends its retries against that refusal instead of simply waiting its turn.
 * Other API processes keep their own; the retry budget covers what they add.
 */
export class KeyedLimiter {
  private readonly lanes = new Map<string, { limiter: Limiter; users: number }>();

  constructor(private readonly limit: number) {
    checkLimit(limit);
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { limiter: new Limiter(this.limit), users: 0 };
      this.lanes.set(key, lane);
    }
    lane.users += 1;
    try {
      return await lane.limiter.run(work);
    } finally {
      if (--lane.users === 0) this.lanes.delete(key);
    }
  }

  /** Keys with a call in flight or waiting (for tests and metrics). */
  get activeKeys(): number {
    return this.lanes.size;
  }
}
