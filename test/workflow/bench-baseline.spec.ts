import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  BASELINE_WORKFLOWS,
  BENCH_BASELINE_HUB_WORKFLOW,
  BENCH_BASELINE_WORKFLOW,
  benchHubDoneSignal,
  benchSignal,
  benchStepUpdate,
  type BaselineShape,
} from '../../apps/cli/src/bench/baseline/contracts';
import { bundleWorkflows } from '@ocop/temporal';
import { createTimeSkippingEnv } from '../support/temporal-test-env';

// The benchmark's headline figure divides our journeys' time by this workflow's: it must do exactly the work the
// shape it is given says, no more and no less, or the ratio means nothing.
describe('the benchmark baseline workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it.each<[string, BaselineShape]>([
    [
      'a QĐ 1048 journey as measured',
      { updates: 17, signals: 4, activities: 28, timers: 4, upserts: 11, signalsSent: 6, children: 1, childActivities: 0 },
    ],
    [
      'more timers than steps, a child with activities',
      { updates: 2, signals: 1, activities: 4, timers: 9, upserts: 1, signalsSent: 5, children: 1, childActivities: 3 },
    ],
    [
      'no upserts, signals or child',
      { updates: 3, signals: 0, activities: 2, timers: 1, upserts: 0, signalsSent: 0, children: 0, childActivities: 0 },
    ],
  ])(
    '%s: its history holds exactly the shape’s updates, signals, activities, timers, upserts, signals sent and child',
    async (_name, shape) => {
      const { code } = await bundleWorkflows(undefined, BASELINE_WORKFLOWS);
      const taskQueue = `baseline-${shape.updates}-${shape.timers}-${shape.signalsSent}`;
      let noops = 0;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { code },
        activities: { noop: async () => void (noops += 1) },
      });
      await worker.runUntil(async () => {
        const hub = await env.client.workflow.start(BENCH_BASELINE_HUB_WORKFLOW, { workflowId: `hub-${taskQueue}`, taskQueue, args: [0] });
        const handle = await env.client.workflow.start(BENCH_BASELINE_WORKFLOW, {
          workflowId: `baseline-${taskQueue}`,
          taskQueue,
          args: [shape, hub.workflowId],
        });
        for (let u = 0; u < shape.updates; u += 1) {
          await handle.executeUpdate(benchStepUpdate, { args: [u] });
          if (u < shape.signals) await handle.signal(benchSignal, u);
        }
        for (let s = shape.updates; s < shape.signals; s += 1) await handle.signal(benchSignal, s);
        expect(await handle.result()).toBe(shape.activities);
        const events = (await handle.fetchHistory()).events ?? [];
        const count = (has: (e: (typeof events)[number]) => unknown) => events.filter(has).length;
        expect(count((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(shape.updates);
        expect(count((e) => e.workflowExecutionSignaledEventAttributes)).toBe(shape.signals);
        expect(count((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toBe(shape.activities);
        // A wait with nothing pending starts a timer, as the journey's deadline races do; a signal that lands together
        // with an update is taken without one, so the count can fall short of the shape's, never exceed it.
        const timers = count((e) => e.timerStartedEventAttributes);
        expect(timers).toBeGreaterThan(0);
        expect(timers).toBeLessThanOrEqual(shape.timers);
        expect(count((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toBe(shape.children);
        expect(count((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toBe(shape.upserts);
        expect(count((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)).toBe(shape.signalsSent);
        await hub.signal(benchHubDoneSignal);
        expect(await hub.result()).toBe(shape.signalsSent);
        // The child's own activities run too (it then waits, as the certificate waits a year for its inspection).
        const expected = shape.activities + shape.children * shape.childActivities;
        for (const until = Date.now() + 10_000; noops < expected && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
      });
      expect(noops).toBe(shape.activities + shape.children * shape.childActivities);
    },
  );
});
