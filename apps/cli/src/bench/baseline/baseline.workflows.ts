import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyLocalActivities,
  setHandler,
  startChild,
  ParentClosePolicy,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
// The benchmark's own workflows, bundled by the bench itself (never in the production worker's bundle).
import { SA_STAGE } from '@ocop/contracts';
import { historyIsLong } from '../../../../../workflows/support/history';
import { benchHubDoneSignal, benchSignal, benchStepUpdate, BENCH_BASELINE_CHILD_WORKFLOW, type BaselineShape } from './contracts';

/** No-op activities: the baseline measures Temporal's cost of the same shape of work, without PostgreSQL. */
export interface BaselineActivities {
  noop(step: number): Promise<void>;
}

// Local, as the journey's recording activities are (workflows/support/activities.ts).
const { noop } = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '1 minute' });

/**
 * The benchmark's bare baseline of a product journey: it accepts the same number of updates and signals as a real
 * journey (with its share of the council sessions' updates), runs the same number of activities and timers, publishes
 * a search attribute and signals the run's hub as often, spread over its steps, starts the certificate's child, and
 * ends — nothing is stored anywhere but in Temporal.
 */
export async function benchBaselineJourney(shape: BaselineShape, hubWorkflowId: string): Promise<number> {
  let steps = 0;
  let signals = 0;
  const done = { activities: 0, timers: 0, upserts: 0, signalsSent: 0 };
  const total = shape.updates + shape.signals;
  const owed = (kind: 'activities' | 'upserts' | 'signalsSent', progress: number) =>
    Math.round((shape[kind] * progress) / total) - done[kind];

  setHandler(benchStepUpdate, async (step) => {
    steps += 1;
    return step;
  });
  setHandler(benchSignal, () => {
    signals += 1;
  });

  const hub = getExternalWorkflowHandle(hubWorkflowId);
  let processed = 0;
  while (processed < total) {
    // Like the journey's deadline races: wait for the next step with a timer that the step cancels.
    if (steps + signals === processed) {
      if (done.timers < shape.timers) {
        await condition(() => steps + signals > processed, '30 days');
        done.timers += 1;
      } else {
        await condition(() => steps + signals > processed);
      }
    }
    processed = steps + signals;
    for (let i = owed('upserts', processed); i > 0; i -= 1) {
      upsertSearchAttributes([{ key: SA_STAGE, value: `baseline-${processed}` }]);
      done.upserts += 1;
    }
    for (let i = owed('activities', processed); i > 0; i -= 1) {
      await noop(processed);
      done.activities += 1;
    }
    for (let i = owed('signalsSent', processed); i > 0; i -= 1) {
      await hub.signal(benchSignal, processed);
      done.signalsSent += 1;
    }
  }
  for (let c = 0; c < shape.children; c += 1) {
    await startChild(BENCH_BASELINE_CHILD_WORKFLOW, {
      workflowId: `${workflowInfo().workflowId}:child:${c}`,
      args: [shape.childActivities],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return done.activities;
}

/** The certificate's stand-in: its first activities, then a long wait (the real one waits a year to inspect). */
export async function benchBaselineChild(activities: number): Promise<void> {
  for (let i = 0; i < activities; i += 1) await noop(i);
  await condition(() => false, '365 days');
}

/** The annual cycle's stand-in: takes every journey's signals (continuing as new as the cycle does) until told to stop. */
export async function benchBaselineHub(received = 0): Promise<number> {
  let count = received;
  let finished = false;
  setHandler(benchSignal, () => {
    count += 1;
  });
  setHandler(benchHubDoneSignal, () => {
    finished = true;
  });
  await condition(() => finished || historyIsLong());
  if (!finished) return continueAsNew<typeof benchBaselineHub>(count);
  return count;
}
