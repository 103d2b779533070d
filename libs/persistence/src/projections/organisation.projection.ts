import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * Keeps `organisations` in step with `OrganisationRegistered` (stream `organisation:<id>`). created_at is the
 * event's time. An upsert: rows written before organisations were events (older databases) take the event's facts.
 */
@Injectable()
export class OrganisationProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    if (event.type !== 'OrganisationRegistered') return;
    const p = event.payload as Payload;
    await manager.query(
      `INSERT INTO organisations (organisation_id, name, producer_type, province_code, district_code, founded_year, tax_code, contact_email,
                                  registered_by, created_at, last_event_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT pk_organisations DO UPDATE SET
         name = EXCLUDED.name, producer_type = EXCLUDED.producer_type, province_code = EXCLUDED.province_code,
         district_code = EXCLUDED.district_code, founded_year = EXCLUDED.founded_year, tax_code = EXCLUDED.tax_code,
         contact_email = EXCLUDED.contact_email, registered_by = EXCLUDED.registered_by, created_at = EXCLUDED.created_at,
         last_event_position = EXCLUDED.last_event_position`,
      [
        str(p.organisationId) ?? event.streamId.slice('organisation:'.length),
        p.name,
        p.producerType,
        p.provinceCode,
        p.districtCode,
        num(p.foundedYear),
        str(p.taxCode),
        str(p.contactEmail),
        event.actor,
        event.occurredAt,
        event.position,
      ],
    );
  }
}
