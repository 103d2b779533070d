import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { ORGANISATIONS } from './read-model-tables';
import { num, Payload, ProjectionRule, str, upsert } from './read-model';

/**
 * Keeps `organisations` in step with `OrganisationRegistered` (stream `organisation:<id>`). created_at is the
 * event's time. An upsert: rows written before organisations were events (older databases) take the event's facts.
 */
export const ORGANISATION_PROJECTION: ProjectionRule = {
  name: 'organisations',
  selects: [{ streamPrefix: 'organisation:', types: ['OrganisationRegistered'] }],
  *project(event) {
    const p = event.payload as Payload;
    yield upsert(ORGANISATIONS, {
      organisation_id: str(p.organisationId) ?? event.streamId.slice('organisation:'.length),
      name: p.name,
      producer_type: p.producerType,
      province_code: p.provinceCode,
      district_code: p.districtCode,
      founded_year: num(p.foundedYear),
      tax_code: str(p.taxCode),
      contact_email: str(p.contactEmail),
      registered_by: event.actor,
      created_at: event.occurredAt,
      last_event_position: event.position,
    });
  },
};

@Injectable()
export class OrganisationProjection {
  readonly rule = ORGANISATION_PROJECTION;

  apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    return projectLive(manager, this.rule, event);
  }
}
