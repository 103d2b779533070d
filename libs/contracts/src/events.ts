// Domain events as stored in the event log. Types are past-tense facts; payloads are plain JSON.

export interface IdeaSubmittedPayload {
  readonly productId: string;
  readonly organisationId: string;
  readonly name: string;
  readonly productGroup: string;
  readonly districtCode: string;
  readonly provinceCode: string;
  readonly cycleYear: number;
  readonly ruleSet: string;
  readonly workflowId: string;
}

export interface EventPayloads {
  IdeaSubmitted: IdeaSubmittedPayload;
}

export type EventType = keyof EventPayloads;

/** An event as a workflow asks for it to be appended. */
export interface NewEvent<T extends EventType = EventType> {
  /** Derived deterministically by the workflow, so a retried activity appends nothing new. */
  readonly eventId: string;
  /** The stream is the entity's workflow: `product:<id>:<year>` for a journey. */
  readonly streamId: string;
  readonly streamSeq: number;
  readonly type: T;
  readonly payload: EventPayloads[T];
  readonly actor: string;
  readonly occurredAt: string;
}

/** An event as stored, with its global position in the log. */
export interface StoredEvent<T extends EventType = EventType> extends NewEvent<T> {
  readonly position: string;
  readonly recordedAt: string;
}
