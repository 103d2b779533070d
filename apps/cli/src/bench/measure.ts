import { readFileSync } from 'node:fs';

/** The q-quantile (0..1) of the samples, nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A progress line for a long phase: redrawn in place on a terminal, every 10 % otherwise. */
export function progressBar(label: string, total: number, write: (text: string) => void = (t) => process.stdout.write(t)): { tick: (n?: number) => void; done: () => void } {
  const tty = process.stdout.isTTY;
  const started = Date.now();
  let count = 0;
  let lastDecile = -1;
  const draw = () => {
    const share = total ? count / total : 1;
    const bar = '█'.repeat(Math.round(share * 24)).padEnd(24, '░');
    const line = `  ${label.padEnd(34)} ${bar} ${String(count).padStart(String(total).length)}/${total} ${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (tty) write(`\r${line}`);
    else if (Math.floor(share * 10) !== lastDecile) {
      lastDecile = Math.floor(share * 10);
      write(`${line}\n`);
    }
  };
  draw();
  return {
    tick: (n = 1) => {
      count += n;
      draw();
    },
    done: () => {
      count = total;
      draw();
      if (tty) write('\n');
    },
  };
}

/** Samples the resident memory of processes (VmRSS from /proc) and keeps each one's peak. */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly pids: Readonly<Record<string, number>>) {}

  start(everyMs = 250): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    return this;
  }

  /** Peak RSS in MB per process since start (or the last reset). */
  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.sample();
    return Object.fromEntries([...this.peaks].map(([name, kb]) => [name, Math.round(kb / 1024)]));
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (match) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, Number(match[1])));
      } catch {
        // the process has gone; its peak so far stands
      }
    }
  }
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}

/**
 * Retries a Temporal call the server did not answer in time (an overloaded dev server lets an update's RPC
 * deadline pass). Callers pass an update id, so a retried update runs once.
 */
export async function patiently<T>(call: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      const transient = name === 'WorkflowUpdateRPCTimeoutOrCancelledError' || /DEADLINE_EXCEEDED|UNAVAILABLE|RESOURCE_EXHAUSTED/.test(String(error));
      if (!transient || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
