import { readdirSync, readFileSync } from 'node:fs';

/** The q-quantile (0..1) of the samples, nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A progress line for a long phase: redrawn in place on a terminal, every 10 % otherwise. */
export function progressBar(
  label: string,
  total: number,
  write: (text: string) => void = (t) => process.stdout.write(t),
): { tick: (n?: number) => void; done: () => void } {
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

/** One progress line for phases that run side by side: a count per phase, redrawn in place (every 5 s otherwise). */
export function multiProgress(
  label: string,
  phases: readonly string[],
  total: number,
  write: (text: string) => void = (t) => process.stdout.write(t),
): { tick: (phase: string) => void; done: () => void } {
  const tty = process.stdout.isTTY;
  const started = Date.now();
  const counts = new Map(phases.map((p) => [p, 0]));
  let printedAt = 0;
  const line = () =>
    `  ${label} ${phases.map((p) => `${p} ${counts.get(p)}/${total}`).join(' · ')}  ${((Date.now() - started) / 1000).toFixed(1)} s`;
  const draw = () => {
    if (tty) return write(`\r${line()}`);
    if (Date.now() - printedAt < 5000) return;
    printedAt = Date.now();
    write(`${line()}\n`);
  };
  draw();
  return {
    tick: (phase) => {
      counts.set(phase, (counts.get(phase) ?? 0) + 1);
      draw();
    },
    done: () => write(tty ? `\r${line()}\n` : `${line()}\n`),
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

// The actors of a run share one Limiter, so as many calls are in flight as in the baseline.
export { Limiter } from '@ocop/temporal';

/** Calls `patiently` had to repeat, by reason, for the report. */
export const resent = { busy: 0, unprocessedUpdate: 0 };

/**
 * Retries a Temporal call the server did not answer in time (an overloaded dev server lets an update's RPC
 * deadline pass), and an update the server rejected as not processed by the worker (seen when several updates
 * reach one session at once under load). Callers pass an update id, so a retried update runs once.
 */
export async function patiently<T>(call: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      const busy =
        name === 'WorkflowUpdateRPCTimeoutOrCancelledError' || /DEADLINE_EXCEEDED|UNAVAILABLE|RESOURCE_EXHAUSTED/.test(String(error));
      const unprocessed = (error as { cause?: { type?: string } }).cause?.type === 'UnprocessedUpdate';
      if (!(busy || unprocessed) || attempt >= attempts) throw error;
      resent[busy ? 'busy' : 'unprocessedUpdate'] += 1;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process and all its live descendants used so far, plus children it has reaped. */
export function cpuSecondsOf(
  pid: number,
  table: ReadonlyMap<number, { ppid: number; ticks: number; reapedTicks: number }> = processTable(),
): number {
  const own = table.get(pid);
  if (!own) return 0;
  let ticks = own.ticks + own.reapedTicks;
  for (const [child, row] of table) if (row.ppid === pid && child !== pid) ticks += cpuSecondsOf(child, table) * CLOCK_TICKS_PER_SECOND;
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Every process's parent and CPU ticks, from /proc/<pid>/stat. */
export function processTable(): Map<number, { ppid: number; ticks: number; reapedTicks: number }> {
  const table = new Map<number, { ppid: number; ticks: number; reapedTicks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields are counted from the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        reapedTicks: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // the process ended while the table was read
    }
  }
  return table;
}

/** CPU seconds each named process tree spent between start() and stop() — where a phase's time went. */
export class CpuMeter {
  private before: Record<string, number> = {};

  constructor(private readonly pids: Readonly<Record<string, number>>) {}

  start(): this {
    this.before = this.read();
    return this;
  }

  stop(): Record<string, number> {
    const after = this.read();
    return Object.fromEntries(Object.keys(after).map((name) => [name, Math.round((after[name]! - (this.before[name] ?? 0)) * 10) / 10]));
  }

  private read(): Record<string, number> {
    const table = processTable();
    return Object.fromEntries(
      [...Object.entries(this.pids), ['bench', process.pid] as const].map(([name, pid]) => [name, cpuSecondsOf(pid, table)]),
    );
  }
}
