import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { CertificateProjection } from './certificate.projection';
import { CycleProjection } from './cycle.projection';
import { CERTIFICATE_DECISION_PROJECTION, DOCUMENT_PROJECTION } from './document.projection';
import { InspectionProjection } from './inspection.projection';
import { LabRequestProjection } from './lab-request.projection';
import { CounterMoves, projectLive } from './live-store';
import { OrganisationProjection } from './organisation.projection';
import { ProductProjection } from './product.projection';
import { ProjectionRule } from './read-model';
import { SessionProjection } from './session.projection';

export type { ProjectionRule, TableSpec } from './read-model';
export { CounterMoves } from './live-store';
export { READ_MODEL_SPECS } from './read-model-tables';

/**
 * The read models derived from the event log, and the tables they own (dropped and refilled by a rebuild, with
 * one TRUNCATE of them all). No table outside this list may reference one of them by a foreign key.
 */
export const READ_MODEL_TABLES = [
  'organisations',
  'products',
  'certificates',
  'sessions',
  'session_products',
  'cycle_progress',
  'cycles',
  'lab_requests',
  'inspections',
  'documents',
  'certificate_decisions',
] as const;

/**
 * Applies events to every read model, in log order. The only writer of the read-model tables. Each projection is
 * written once (a ProjectionRule); `apply` runs the rules on the live tables, a rebuild runs the same rules in memory.
 */
@Injectable()
export class Projections {
  /** In the order they run on each event: lab requests read the products row, inspections the certificate row. */
  readonly rules: readonly ProjectionRule[];

  constructor(
    products: ProductProjection,
    certificates: CertificateProjection,
    sessions: SessionProjection,
    organisations: OrganisationProjection,
    cycles: CycleProjection,
    labRequests: LabRequestProjection,
    inspections: InspectionProjection,
  ) {
    this.rules = [
      organisations.rule,
      cycles.rule,
      products.rule,
      labRequests.rule,
      sessions.rule,
      certificates.rule,
      inspections.rule,
      DOCUMENT_PROJECTION,
      CERTIFICATE_DECISION_PROJECTION,
    ];
  }

  /**
   * Applies events to every read model. With `counters`, the cycle_progress moves are collected there for the caller
   * to flush last in its transaction; without, they are applied at once.
   */
  async apply(manager: EntityManager, events: readonly StoredEvent[], counters?: CounterMoves): Promise<void> {
    const moves = counters ?? new CounterMoves();
    for (const event of events) {
      for (const rule of this.rules) await projectLive(manager, rule, event, moves);
    }
    if (!counters) await moves.flush(manager);
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
