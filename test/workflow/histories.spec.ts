import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Resource } from '@opentelemetry/resources';
import { bundleWorkflows, tracingWorkerOptions } from '@ocop/temporal';
import { MAIN_PATHS } from '../support/main-paths';
import { withOwnServer } from '../support/workflow-harness';
import { BATCHED_CLOSE_PATCH } from '../../workflows/evaluation-session.workflow';
import { REPORTS_START_AND_END_PATCH } from '../../workflows/product-journey/journey';
import { UPDATE_FACTS_AS_TASKS_PATCH } from '../../workflows/support/event-stream';

/**
 * Evolution safety: the histories of each workflow's main paths are kept in test/histories and replayed against
 * the current workflow code, so a change that would break running workflows (a command added, removed or
 * reordered without `patched()`) fails here before it ships. Record them again, deliberately, with
 * `OCOP_RECORD_HISTORIES=1 npm run test:workflow -- test/workflow/histories.spec.ts`; `OCOP_RECORD_HISTORIES=<name>`
 * records that one main path only (a new shape beside the old ones, which stay as they were recorded).
 */
const DIR = path.join(__dirname, '..', 'histories');
const { History } = temporal.api.history.v1;
const load = (file: string) => History.decode(readFileSync(path.join(DIR, file)));
/** The ids of the patches a history's markers name. */
const patchesIn = (file: string) =>
  load(file)
    .events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .flatMap((e) => e.markerRecordedEventAttributes!.details!['patch-data']!.payloads!)
    .map((p) => (JSON.parse(Buffer.from(p.data!).toString('utf8')) as { id: string }).id);
const RECORDING = process.env.OCOP_RECORD_HISTORIES;
const RECORD = RECORDING ? MAIN_PATHS.filter((p) => RECORDING === '1' || p.name === RECORDING) : [];

describe('recorded workflow histories', () => {
  if (RECORDING) {
    it.each(RECORD.map((p) => [p.name, p] as const))('records %s', (name, mainPath) =>
      withOwnServer(async (h) => {
        const handle = await mainPath.run(h);
        const history = await handle.fetchHistory();
        writeFileSync(path.join(DIR, `${name}.binpb`), History.encode(History.fromObject(history)).finish());
        expect(history.events?.length).toBeGreaterThan(3);
      }),
    );
  }

  // Binary protobuf, exactly as the server sent it (the SDK's JSON converter cannot read the client's objects
  // under jest's module registry, and binary has no lossy conversions anyway).
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.binpb'))
    .sort();

  it('cover a main path of every workflow', () => {
    const types = new Set(files.map((f) => load(f).events[0]!.workflowExecutionStartedEventAttributes!.workflowType!.name));
    expect([...types].sort()).toEqual(['annualCycle', 'certificateLifecycle', 'evaluationSession', 'productJourney']);
    expect(files.map((f) => f.replace(/\.binpb$/, ''))).toEqual(MAIN_PATHS.map((p) => p.name).sort());
  });

  it('keep a session closed one product at a time beside one closed in a single task (BATCHED_CLOSE_PATCH)', () => {
    const workflowTasks = (file: string) => load(file).events.filter((e) => e.workflowTaskCompletedEventAttributes).length;
    expect(patchesIn('session-spread-revised-then-closed.binpb')).not.toContain(BATCHED_CLOSE_PATCH);
    expect(patchesIn('session-closed-results-batched.binpb')).toContain(BATCHED_CLOSE_PATCH);
    expect(workflowTasks('session-closed-results-batched.binpb')).toBeLessThan(workflowTasks('session-spread-revised-then-closed.binpb'));
  });

  it('keep a journey that told the cycle of every stage beside one that tells it its start and end (REPORTS_START_AND_END_PATCH)', () => {
    const reports = (file: string) =>
      load(file).events.filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes?.signalName === 'journeyProgress').length;
    expect(patchesIn('journey-1048-certified-4-stars-after-lab.binpb')).not.toContain(REPORTS_START_AND_END_PATCH);
    expect(patchesIn('journey-1048-certified-reports-start-and-end.binpb')).toContain(REPORTS_START_AND_END_PATCH);
    expect(reports('journey-1048-certified-4-stars-after-lab.binpb')).toBeGreaterThan(5);
    expect(reports('journey-1048-certified-reports-start-and-end.binpb')).toBe(2);
  });

  it('keep a session whose updates recorded locally beside one whose updates record by activity tasks (UPDATE_FACTS_AS_TASKS_PATCH)', () => {
    const recordTasks = (file: string) =>
      load(file).events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordEvents').length;
    const updates = (file: string) => load(file).events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    expect(patchesIn('session-closed-results-batched.binpb')).not.toContain(UPDATE_FACTS_AS_TASKS_PATCH);
    expect(recordTasks('session-closed-results-batched.binpb')).toBe(0);
    expect(patchesIn('session-update-facts-as-activity-tasks.binpb')).toContain(UPDATE_FACTS_AS_TASKS_PATCH);
    // One task per update at most: updates accepted while an append is under way share the next one.
    expect(recordTasks('session-update-facts-as-activity-tasks.binpb')).toBeGreaterThan(0);
    expect(recordTasks('session-update-facts-as-activity-tasks.binpb')).toBeLessThanOrEqual(
      updates('session-update-facts-as-activity-tasks.binpb'),
    );
  });

  it('come from a production bundle of the four workflows and nothing else (the bench bundles its own)', async () => {
    const { code } = await bundleWorkflows();
    for (const name of ['productJourney', 'evaluationSession', 'certificateLifecycle', 'annualCycle'])
      expect(code).toContain(`function ${name}(`);
    expect(code).not.toMatch(/benchBaseline/);
    expect(code).not.toMatch(/TracingInbound/); // tracing's interceptors are in the traced bundle only
  });

  it('replay deterministically with the current workflow code', async () => {
    const { code } = await bundleWorkflows();
    for (const file of files) {
      const history = load(file);
      expect(history.events.length).toBeGreaterThan(3);
      await expect(Worker.runReplayHistory({ workflowBundle: { code } }, history, file)).resolves.toBeUndefined();
    }
  });

  it('replay deterministically in the traced bundle too (a worker with OTEL_EXPORTER_OTLP_ENDPOINT set)', async () => {
    const { code } = await bundleWorkflows(undefined, undefined, { traced: true });
    expect(code).toContain('class TracingInbound');
    const exporter = new InMemorySpanExporter();
    const { sinks } = tracingWorkerOptions({
      spanProcessor: new SimpleSpanProcessor(exporter),
      resource: Resource.default(),
      shutdown: async () => {},
    });
    for (const file of files) {
      await expect(Worker.runReplayHistory({ workflowBundle: { code }, sinks }, load(file), file)).resolves.toBeUndefined();
    }
    // A replay re-runs the code without exporting its spans again (they were exported when it first ran).
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
