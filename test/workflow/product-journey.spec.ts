import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { JourneyActivities } from '@ocop/activities';
import { ideaSubmissionUpdate, journeyStateQuery, NewEvent, PRODUCT_JOURNEY_WORKFLOW, productJourneyId } from '@ocop/contracts';
import { EventRecorder, EventStore, ProductProjection } from '@ocop/persistence';
import { bundleWorkflows } from '@ocop/temporal';
import { aJourneyInput } from '../support/builders';
import { openTestDatabase } from '../support/database';
import { createTimeSkippingEnv } from '../support/temporal-test-env';


describe('productJourney (time-skipping test server, real PostgreSQL)', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let workflowCode: string;
  let activities: JourneyActivities;

  beforeAll(async () => {
    // The bundle is built from the TypeScript sources with our path aliases, as the worker builds it.
    [env, db, { code: workflowCode }] = await Promise.all([createTimeSkippingEnv(), openTestDatabase(), bundleWorkflows()]);
    activities = new JourneyActivities(new EventRecorder(db, new EventStore(), new ProductProjection()));
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.destroy();
  });

  async function withWorker<T>(run: (taskQueue: string) => Promise<T>, recordJourneyEvents = activities.recordJourneyEvents.bind(activities)): Promise<T> {
    const taskQueue = `journey-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { code: workflowCode },
      activities: { recordJourneyEvents },
    });
    return worker.runUntil(run(taskQueue));
  }

  const eventsOf = (streamId: string): Promise<{ type: string; stream_seq: number; actor: string }[]> =>
    db.query(`SELECT type, stream_seq, actor FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [streamId]);

  it('records the idea once and then waits for its review', async () => {
    const input = aJourneyInput().inDistrict('muong-khuong').ofGroup('thuc-pham').build();
    const workflowId = productJourneyId(input.productId, input.cycleYear);
    await withWorker(async (taskQueue) => {
      const handle = await env.client.workflow.start(PRODUCT_JOURNEY_WORKFLOW, { workflowId, taskQueue, args: [input] });
      const state = await handle.executeUpdate(ideaSubmissionUpdate);
      expect(state).toMatchObject({ productId: input.productId, stage: 'awaiting_idea_review', ideaRecorded: true, lastEventSeq: 1 });
      expect(await handle.query(journeyStateQuery)).toEqual(state);
      const description = await handle.describe();
      expect(description.status.name).toBe('RUNNING');
      await handle.terminate('test finished');
    });
    expect(await eventsOf(workflowId)).toEqual([{ type: 'IdeaSubmitted', stream_seq: 1, actor: 'producer:test' }]);
    const [product] = await db.query(`SELECT stage, district_code, product_group FROM products WHERE product_id = $1`, [input.productId]);
    expect(product).toEqual({ stage: 'awaiting_idea_review', district_code: 'muong-khuong', product_group: 'thuc-pham' });
  });

  it('an activity that fails after its write and is retried leaves exactly one event', async () => {
    const input = aJourneyInput().build();
    const workflowId = productJourneyId(input.productId, input.cycleYear);
    let calls = 0;
    const failingOnceAfterWrite = async (events: NewEvent[]) => {
      calls += 1;
      const result = await activities.recordJourneyEvents(events);
      if (calls === 1) throw new Error('connection lost after commit');
      return result;
    };
    await withWorker(async (taskQueue) => {
      const handle = await env.client.workflow.start(PRODUCT_JOURNEY_WORKFLOW, { workflowId, taskQueue, args: [input] });
      await handle.executeUpdate(ideaSubmissionUpdate);
      await handle.terminate('test finished');
    }, failingOnceAfterWrite);
    expect(calls).toBe(2);
    expect(await eventsOf(workflowId)).toHaveLength(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM products WHERE product_id = $1`, [input.productId]))[0].n).toBe(1);
  });
});
