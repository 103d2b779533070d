/**
 * At most `limit` operations in flight per key, the rest queued in arrival order. The API sends a workflow's updates
 * through one of these: Temporal refuses more than a few in-flight updates on one workflow (RESOURCE_EXHAUSTED), and a
 * burst on one product (a double-clicking office, a script) then spends its retries against that refusal instead of
 * simply waiting its turn. Other API processes keep their own queues; the retry budget covers what they add.
 */
export class KeyedLimiter {
  private readonly lanes = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  async run<T>(key: string, operation: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.running >= this.limit) await new Promise<void>((resolve) => lane.waiting.push(resolve));
    else lane.running += 1;
    try {
      return await operation();
    } finally {
      const next = lane.waiting.shift();
      // The finished operation's slot passes straight to the next in line; an idle lane is forgotten.
      if (next) next();
      else if (--lane.running === 0) this.lanes.delete(key);
    }
  }

  /** Keys with an operation in flight (for tests and metrics). */
  get activeKeys(): number {
    return this.lanes.size;
  }
}
