import { condition, proxyLocalActivities, setHandler, startChild, ParentClosePolicy, workflowInfo } from '@temporalio/workflow';
import { benchSignal, benchStepUpdate, BENCH_BASELINE_CHILD_WORKFLOW, type BaselineShape } from '@ocop/contracts';

/** No-op activities: the baseline measures Temporal's cost of the same shape of work, without PostgreSQL. */
export interface BaselineActivities {
  noop(step: number): Promise<void>;
}

// Local, as the journey's recording activities are (workflows/support/activities.ts).
const { noop } = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '1 minute' });

/**
 * The benchmark's bare baseline of a product journey: it accepts the same number of updates and signals as a real
 * journey (with its share of the council sessions' updates), runs the same number of activities and timers spread
 * over them, starts the certificate's child, and ends — nothing is stored anywhere but in Temporal.
 */
export async function benchBaselineJourney(shape: BaselineShape): Promise<number> {
  let steps = 0;
  let signals = 0;
  let activitiesDone = 0;
  let timersDone = 0;
  const owed = (done: number, total: number, progress: number) => Math.round((total * progress) / (shape.updates + shape.signals)) - done;

  setHandler(benchStepUpdate, async (step) => {
    steps += 1;
    return step;
  });
  setHandler(benchSignal, () => {
    signals += 1;
  });

  const total = shape.updates + shape.signals;
  let processed = 0;
  while (processed < total) {
    // Like the journey's deadline races: wait for the next step with a timer that the step cancels.
    if (steps + signals === processed) {
      if (timersDone < shape.timers) {
        await condition(() => steps + signals > processed, '30 days');
        timersDone += 1;
      } else {
        await condition(() => steps + signals > processed);
      }
    }
    processed = steps + signals;
    for (let i = owed(activitiesDone, shape.activities, processed); i > 0; i -= 1) {
      await noop(processed);
      activitiesDone += 1;
    }
  }
  for (let c = 0; c < shape.children; c += 1) {
    await startChild(BENCH_BASELINE_CHILD_WORKFLOW, {
      workflowId: `${workflowInfo().workflowId}:child:${c}`,
      args: [shape.childActivities],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return activitiesDone;
}

/** The certificate's stand-in: its first activities, then a long wait (the real one waits a year to inspect). */
export async function benchBaselineChild(activities: number): Promise<void> {
  for (let i = 0; i < activities; i += 1) await noop(i);
  await condition(() => false, '365 days');
}
