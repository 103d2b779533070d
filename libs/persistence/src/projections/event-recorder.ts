import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NewEvent, StoredEvent } from '@ocop/contracts';
import { EventStore } from '../event-store/event-store';
import { ProductProjection } from './product.projection';

/**
 * Records domain facts: appends them to the event log and updates the read models in one transaction, so a
 * read model never shows a fact the log lacks, and a retried activity changes nothing.
 */
@Injectable()
export class EventRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly products: ProductProjection,
  ) {}

  async record(events: readonly NewEvent[]): Promise<StoredEvent[]> {
    return this.dataSource.transaction(async (manager) => {
      const appended = await this.eventStore.append(manager, events);
      for (const event of appended) {
        await this.products.apply(manager, event);
      }
      return appended;
    });
  }
}
