import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { ORGANISATIONS } from './read-model-tables';
import { get, num, Payload, ProjectionRule, Row, str, update, upsert } from './read-model';

/** The contact details `OrganisationContactChanged` may carry: payload field → column (null clears it). */
const CONTACT_FIELDS = {
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
  address: 'address',
  representative: 'representative',
} as const;

/** Where an organisation is: its 2025 commune, and its old commune and district (each null when not known). */
const placeOf = (p: Payload): Row => ({
  commune_code: str(p.communeCode),
  legacy_commune_code: str(p.legacyCommuneCode),
  legacy_district_code: str(p.legacyDistrictCode),
});

/**
 * Keeps `organisations` in step with `OrganisationRegistered` (stream `organisation:<id>`). created_at is the
 * event's time. An upsert: rows written before organisations were events (older databases) take the event's facts
 * (a registration again states every fact anew). `OrganisationContactChanged` then sets the contact fields its
 * payload names (a null clears one) and who changed them, when; `OrganisationPlaced` states its place anew.
 */
export const ORGANISATION_PROJECTION: ProjectionRule = {
  name: 'organisations',
  selects: [{ streamPrefix: 'organisation:', types: ['OrganisationRegistered', 'OrganisationContactChanged', 'OrganisationPlaced'] }],
  *project(event) {
    const p = event.payload as Payload;
    if (event.type === 'OrganisationPlaced') {
      const before = yield get(ORGANISATIONS, [str(p.organisationId) ?? event.streamId.slice('organisation:'.length)], true);
      if (!before) return;
      yield update(ORGANISATIONS, before, { ...before, ...placeOf(p), last_event_position: event.position });
      return;
    }
    if (event.type === 'OrganisationContactChanged') {
      const before = yield get(ORGANISATIONS, [str(p.organisationId) ?? event.streamId.slice('organisation:'.length)], true);
      if (!before) return;
      const after: Row = {
        ...before,
        contact_updated_by: event.actor,
        contact_updated_at: event.occurredAt,
        last_event_position: event.position,
      };
      for (const [field, column] of Object.entries(CONTACT_FIELDS)) if (field in p) after[column] = str(p[field]);
      yield update(ORGANISATIONS, before, after);
      return;
    }
    yield upsert(ORGANISATIONS, {
      organisation_id: str(p.organisationId) ?? event.streamId.slice('organisation:'.length),
      name: p.name,
      producer_type: p.producerType,
      province_code: p.provinceCode,
      district_code: p.districtCode,
      founded_year: num(p.foundedYear),
      tax_code: str(p.taxCode),
      contact_email: str(p.contactEmail),
      address: str(p.address),
      ...placeOf(p),
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
