import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NewEvent, StoredEvent } from '@ocop/contracts';
import { EventStore } from '../event-store/event-store';
import { Projections } from './projections';

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
      await this.projections.apply(manager, appended);
      await alsoInTransaction?.(manager);
      return appended;
    });
  }
}
