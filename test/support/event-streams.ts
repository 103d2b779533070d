import { randomUUID } from 'node:crypto';
import type { EventType, NewEvent, StoredEvent } from '@ocop/contracts';
import type { EventRecorder } from '@ocop/persistence';

/**
 * Appends events to one stream the way a workflow's EventStream does (next stream position, a fresh event id), at
 * the times the test gives, through the real recorder (event log + projections in one transaction).
 */
export class TestStream {
  private seq = 0;

  constructor(
    private readonly recorder: EventRecorder,
    readonly streamId: string,
  ) {}

  async record(type: EventType, payload: Record<string, unknown>, actor: string, occurredAt: string): Promise<StoredEvent> {
    const event = { eventId: randomUUID(), streamId: this.streamId, streamSeq: ++this.seq, type, payload, actor, occurredAt } as NewEvent;
    const [stored] = await this.recorder.record([event]);
    return stored!;
  }
}

/**
 * A product journey's stream: as productJourney's `record`, every payload starts with the stage the journey is in
 * after the event and, while a step is awaited, its due date (`dueAt`).
 */
export class TestJourney extends TestStream {
  step(
    type: EventType,
    stage: string,
    dueAt: string | undefined,
    payload: Record<string, unknown>,
    actor: string,
    occurredAt: string,
  ): Promise<StoredEvent> {
    return this.record(type, { stage, ...(dueAt ? { dueAt } : {}), ...payload }, actor, occurredAt);
  }
}

/** A certificate lifecycle's stream: every payload starts with the certificate's status and number. */
export class TestCertificate extends TestStream {
  constructor(
    recorder: EventRecorder,
    readonly certificateNo: string,
  ) {
    super(recorder, `certificate:${certificateNo}`);
  }

  step(type: EventType, status: string, payload: Record<string, unknown>, actor: string, occurredAt: string): Promise<StoredEvent> {
    return this.record(type, { status, certificateNo: this.certificateNo, ...payload }, actor, occurredAt);
  }
}
