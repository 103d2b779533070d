import { Injectable } from '@nestjs/common';
import { NewEvent } from '@ocop/contracts';
import { EventRecorder } from '@ocop/persistence';

export interface RecordResult {
  /** How many of the given events were new; 0 when a retry finds them already recorded. */
  readonly appended: number;
}

/** Activities of the product journey: each records domain facts and updates the read models atomically. */
@Injectable()
export class JourneyActivities {
  constructor(private readonly recorder: EventRecorder) {}

  async recordJourneyEvents(events: NewEvent[]): Promise<RecordResult> {
    const stored = await this.recorder.record(events);
    return { appended: stored.length };
  }
}
