import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NewEvent, StoredEvent } from '@ocop/contracts';
import { EventStore } from '../event-store/event-store';
import { nextStreamSeq } from '../event-store/next-stream-seq';
import { CounterMoves, Projections } from './projections';

/**
 * Records domain facts: appends them to the event log and updates the read models in one transaction, so a
 * read model never shows a fact the log lacks, and a retried activity changes nothing.
 */
@Injectable()
export class EventRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly projections: Projections,
  ) {}

  /** `alsoInTransaction` runs in the same transaction (e.g. to fill the notification outbox). */
  async record(events: readonly NewEvent[], alsoInTransaction?: (manager: EntityManager) => Promise<void>): Promise<StoredEvent[]> {
    return this.dataSource.transaction(async (manager) => {
      const appended = await this.eventStore.append(manager, events);
      const counters = new CounterMoves();
      await this.projections.apply(manager, appended, counters);
      await alsoInTransaction?.(manager);
      await counters.flush(manager); // last: shared counter rows stay locked only until the commit
      return appended;
    });
  }

  /**
   * Records one fact the API establishes itself (no workflow owns the stream): the stream position is taken at
   * the end of the stream under a lock. `before` runs first in the same transaction (e.g. the row the fact is about);
   * returns the stored event, or undefined when an event with this id was already stored (a retry).
   */
  async recordFact(
    fact: Omit<NewEvent, 'streamSeq'>,
    before?: (manager: EntityManager) => Promise<void>,
  ): Promise<StoredEvent | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const [known]: { stream_seq: number }[] = await manager.query(`SELECT stream_seq FROM events WHERE event_id = $1`, [fact.eventId]);
      if (known) return undefined;
      await before?.(manager);
      const appended = await this.eventStore.append(manager, [{ ...fact, streamSeq: await nextStreamSeq(manager, fact.streamId) }]);
      await this.projections.apply(manager, appended);
      return appended[0];
    });
  }
}
