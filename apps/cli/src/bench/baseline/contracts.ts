import { defineSignal, defineUpdate } from '@temporalio/workflow';

// The benchmark's bare baseline: a workflow of the journey's shape whose activities do nothing and touch no database.

export const BENCH_BASELINE_WORKFLOW = 'benchBaselineJourney';
export const BENCH_BASELINE_CHILD_WORKFLOW = 'benchBaselineChild';
/** Receives the journeys' outgoing signals, as the annual cycle receives their progress. */
export const BENCH_BASELINE_HUB_WORKFLOW = 'benchBaselineHub';
export const BENCH_BASELINE_TASK_QUEUE = 'ocop-bench-baseline';
/** The baseline's workflows, from the project root: the bench bundles them for its own worker. */
export const BASELINE_WORKFLOWS = 'apps/cli/src/bench/baseline/baseline.workflows.ts';

/** How much work one product causes, counted from a real journey's history (and its share of the sessions'). */
export interface BaselineShape {
  readonly updates: number;
  readonly signals: number;
  readonly activities: number;
  readonly timers: number;
  /** Search-attribute upserts (the journey publishes its stage). */
  readonly upserts: number;
  /** Signals sent to other workflows (progress to the cycle; the sessions' share of signals to the products). */
  readonly signalsSent: number;
  /** Child workflows started (the certificate), each with its own activities and a long timer. */
  readonly children: number;
  readonly childActivities: number;
}

export const benchStepUpdate = defineUpdate<number, [number]>('benchStep');
export const benchSignal = defineSignal<[number]>('benchSignal');
export const benchHubDoneSignal = defineSignal('benchHubDone');

/** The hub every baseline journey of one run signals. */
export const benchBaselineHubId = (runId: string): string => `bench-baseline-hub:${runId}`;
