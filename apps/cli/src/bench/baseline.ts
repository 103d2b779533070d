import { Client, WorkflowUpdateStage } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { bundleWorkflows } from '@ocop/temporal';
import {
  BASELINE_WORKFLOWS,
  BENCH_BASELINE_HUB_WORKFLOW,
  BENCH_BASELINE_TASK_QUEUE,
  BENCH_BASELINE_WORKFLOW,
  benchBaselineHubId,
  benchHubDoneSignal,
  benchSignal,
  benchStepUpdate,
  type BaselineShape,
} from './baseline/contracts';
import { historyOf } from './full-journey';
import { inParallel, progressBar } from './measure';

/** The journey's updates are idea, review, business plan, dossier, …: the dossier is the fourth. */
const TIMED_UPDATE = 3;

export interface BaselineResult {
  readonly products: number;
  readonly seconds: number;
  readonly journeyMs: number[];
  /** The step P2 times in the real run (a journey's fourth update, the dossier), timed the same way here. */
  readonly acceptedMs: number[];
  readonly completedMs: number[];
  readonly historyEvents: number;
  readonly historyBytes: number;
}

/**
 * The bare baseline, on the same server in the same run: per product a workflow of the journey's shape (updates,
 * signals, activities, timers, the certificate's child) with no-op activities and no PostgreSQL, driven with the
 * same concurrency. Its worker runs in this process with the SDK's default settings, as our worker does.
 */
export async function runBaseline(options: {
  client: Client;
  address: string;
  namespace: string;
  products: number;
  concurrency: number;
  shape: BaselineShape;
}): Promise<BaselineResult> {
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: BENCH_BASELINE_TASK_QUEUE,
    workflowBundle: { code: (await bundleWorkflows(undefined, BASELINE_WORKFLOWS)).code },
    activities: { noop: async () => undefined },
  });
  const running = worker.run();
  const started = new Date();
  const runId = randomUUID().slice(0, 8);
  const journeyMs: number[] = [];
  const acceptedMs: number[] = [];
  const completedMs: number[] = [];
  const bar = progressBar('baseline (no-op, no PostgreSQL)', options.products);
  const hub = await options.client.workflow.start(BENCH_BASELINE_HUB_WORKFLOW, {
    workflowId: benchBaselineHubId(runId),
    taskQueue: BENCH_BASELINE_TASK_QUEUE,
    args: [0],
  });
  try {
    await inParallel(
      Array.from({ length: options.products }, (_, i) => i),
      options.concurrency,
      async (i) => {
        const t0 = performance.now();
        const handle = await options.client.workflow.start(BENCH_BASELINE_WORKFLOW, {
          workflowId: `bench-baseline:${runId}:${i}`,
          taskQueue: BENCH_BASELINE_TASK_QUEUE,
          args: [options.shape, hub.workflowId],
        });
        // The same interplay as the real run: updates wait for their answer; signals go between them.
        const { updates, signals } = options.shape;
        for (let u = 0; u < updates; u += 1) {
          if (i % 10 === 1 && u === TIMED_UPDATE) {
            const t0 = performance.now();
            const update = await handle.startUpdate(benchStepUpdate, { args: [u], waitForStage: WorkflowUpdateStage.ACCEPTED });
            acceptedMs.push(performance.now() - t0);
            await update.result();
            completedMs.push(performance.now() - t0);
          } else await handle.executeUpdate(benchStepUpdate, { args: [u] });
          if (u < signals) await handle.signal(benchSignal, u);
        }
        for (let s = updates; s < signals; s += 1) await handle.signal(benchSignal, s);
        await handle.result();
        journeyMs.push(performance.now() - t0);
        bar.tick();
      },
    );
    bar.done();
    const seconds = (Date.now() - started.getTime()) / 1000;
    await hub.signal(benchHubDoneSignal);
    const { historyEvents, historyBytes } = await historyOf(options.client, started, ` AND TaskQueue = '${BENCH_BASELINE_TASK_QUEUE}'`);
    return { products: options.products, seconds, journeyMs, acceptedMs, completedMs, historyEvents, historyBytes };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}
