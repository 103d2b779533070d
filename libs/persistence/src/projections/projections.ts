import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { CertificateProjection } from './certificate.projection';
import { CycleProjection } from './cycle.projection';
import { InspectionProjection } from './inspection.projection';
import { LabRequestProjection } from './lab-request.projection';
import { OrganisationProjection } from './organisation.projection';
import { ProductProjection } from './product.projection';
import { SessionProjection } from './session.projection';

/**
 * The read models derived from the event log, and the tables they own (dropped and refilled by a rebuild, with
 * one TRUNCATE of them all). No table outside this list may reference one of them by a foreign key.
 */
export const READ_MODEL_TABLES = ['organisations', 'products', 'certificates', 'sessions', 'cycle_progress', 'cycles', 'lab_requests', 'inspections'] as const;

/** Applies events to every read model, in log order. The only writer of the read-model tables. */
@Injectable()
export class Projections {
  constructor(
    private readonly products: ProductProjection,
    private readonly certificates: CertificateProjection,
    private readonly sessions: SessionProjection,
    private readonly organisations: OrganisationProjection,
    private readonly cycles: CycleProjection,
    private readonly labRequests: LabRequestProjection,
    private readonly inspections: InspectionProjection,
  ) {}

  async apply(manager: EntityManager, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (event.streamId.startsWith('organisation:')) await this.organisations.apply(manager, event);
      if (event.streamId.startsWith('cycle:')) await this.cycles.apply(manager, event);
      if (event.streamId.startsWith('product:')) {
        await this.products.apply(manager, event);
        await this.labRequests.apply(manager, event); // reads the products row
      }
      if (event.streamId.startsWith('session:')) await this.sessions.apply(manager, event);
      await this.certificates.apply(manager, event);
      if (event.streamId.startsWith('certificate:')) await this.inspections.apply(manager, event); // reads the certificates row
    }
  }
}

/** The projections wired by hand, for code that runs without Nest (the CLI, tests). */
export function createProjections(): Projections {
  return new Projections(
    new ProductProjection(),
    new CertificateProjection(),
    new SessionProjection(),
    new OrganisationProjection(),
    new CycleProjection(),
    new LabRequestProjection(),
    new InspectionProjection(),
  );
}
