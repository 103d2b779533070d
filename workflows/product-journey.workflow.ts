import { condition, proxyActivities, setHandler, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { OcopActivities } from '@ocop/activities';
import {
  ideaSubmissionUpdate,
  JourneyStage,
  JourneyState,
  journeyStateQuery,
  NewEvent,
  ProductJourneyInput,
  SA_CYCLE_YEAR,
  SA_DISTRICT,
  SA_PRODUCT_GROUP,
  SA_STAGE,
} from '@ocop/contracts';

const { recordJourneyEvents } = proxyActivities<OcopActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One product's path through one OCOP cycle. This first slice records the idea and waits for its review;
 * the review, plan, dossier, council, lab and certificate steps follow in the engine issue.
 */
export async function productJourney(input: ProductJourneyInput): Promise<JourneyState> {
  const state: JourneyState = {
    productId: input.productId,
    cycleYear: input.cycleYear,
    ruleSet: input.ruleSet,
    stage: 'idea_submitted',
    ideaRecorded: false,
    lastEventSeq: 0,
    updatedAt: input.submittedAt,
  };
  setHandler(journeyStateQuery, () => state);
  setHandler(ideaSubmissionUpdate, async () => {
    await condition(() => state.ideaRecorded);
    return state;
  });
  upsertSearchAttributes([
    { key: SA_STAGE, value: state.stage },
    { key: SA_DISTRICT, value: input.districtCode },
    { key: SA_PRODUCT_GROUP, value: input.productGroup },
    { key: SA_CYCLE_YEAR, value: input.cycleYear },
  ]);

  // The idea is recorded: the event log and the products read model, in one transaction.
  await record(state, {
    type: 'IdeaSubmitted',
    actor: input.submittedBy,
    occurredAt: input.submittedAt,
    payload: {
      productId: input.productId,
      organisationId: input.organisationId,
      name: input.name,
      productGroup: input.productGroup,
      districtCode: input.districtCode,
      provinceCode: input.provinceCode,
      cycleYear: input.cycleYear,
      ruleSet: input.ruleSet,
      workflowId: workflowInfo().workflowId,
    },
  });
  state.ideaRecorded = true;

  // A district coordinator reviews the idea next.
  moveTo(state, 'awaiting_idea_review');
  await condition(() => state.stage !== 'awaiting_idea_review');
  return state;
}

type EventDraft = Omit<NewEvent, 'eventId' | 'streamId' | 'streamSeq'>;

/** Appends one event at the journey's next stream position, with an id that replays and retries reuse. */
async function record(state: JourneyState, draft: EventDraft): Promise<void> {
  const streamSeq = state.lastEventSeq + 1;
  await recordJourneyEvents([{ ...draft, eventId: uuid4(), streamId: workflowInfo().workflowId, streamSeq } as NewEvent]);
  state.lastEventSeq = streamSeq;
  state.updatedAt = draft.occurredAt;
}

function moveTo(state: JourneyState, stage: JourneyStage): void {
  state.stage = stage;
  upsertSearchAttributes([{ key: SA_STAGE, value: stage }]);
}
