import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { CertificateProjection } from './certificate.projection';
import { ProductProjection } from './product.projection';
import { SessionProjection } from './session.projection';

/** The read models derived from the event log, and the tables they own (dropped and refilled by a rebuild). */
export const READ_MODEL_TABLES = ['products', 'certificates', 'sessions', 'cycle_progress'] as const;

/** Applies events to every read model, in log order. The only writer of the read-model tables. */
@Injectable()
export class Projections {
  constructor(
    private readonly products: ProductProjection,
    private readonly certificates: CertificateProjection,
    private readonly sessions: SessionProjection,
  ) {}

  async apply(manager: EntityManager, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (event.streamId.startsWith('product:')) await this.products.apply(manager, event);
      if (event.streamId.startsWith('session:')) await this.sessions.apply(manager, event);
      await this.certificates.apply(manager, event);
    }
  }
}

/** The projections wired by hand, for code that runs without Nest (the CLI, tests). */
export function createProjections(): Projections {
  return new Projections(new ProductProjection(), new CertificateProjection(), new SessionProjection());
}
