import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parseProductJourneyId, StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { CERTIFICATES, PRODUCTS } from './read-model-tables';
import { get, insert, Payload, ProjectionRule, str, update } from './read-model';

/**
 * Keeps `certificates` in step: issued by the journey (stream `product:<id>:<year>`, which gives the cycle year),
 * then changed by the certificate's own lifecycle (stream `certificate:<no>`: every event carries the status). The
 * inspector is the one CertificateIssued names, else the one the first InspectionRequested names.
 */
export const CERTIFICATE_PROJECTION: ProjectionRule = {
  name: 'certificates',
  selects: [{ types: ['CertificateIssued'] }, { streamPrefix: 'certificate:', payloadKey: 'status' }],
  *project(event) {
    const p = event.payload as Payload;
    if (event.type === 'CertificateIssued') {
      const product = yield get(PRODUCTS, [event.streamId]);
      if (!product) return;
      yield insert(CERTIFICATES, {
        certificate_no: p.certificateNo,
        product_id: product.product_id,
        organisation_id: product.organisation_id,
        product_name: product.name,
        province_code: product.province_code,
        district_code: product.district_code,
        product_group: product.product_group,
        stars: p.stars,
        status: 'valid',
        issued_at: p.issuedAt,
        expires_at: p.expiresAt,
        superseded_by: null,
        status_reason: null,
        last_event_position: event.position,
        updated_at: event.occurredAt,
        inspector_id: str(p.inspectorId),
        cycle_year: parseProductJourneyId(event.streamId)?.cycleYear ?? product.cycle_year,
        supersedes: str(p.supersedes),
      });
      return;
    }
    if (!event.streamId.startsWith('certificate:') || typeof p.status !== 'string') return;
    const before = yield get(CERTIFICATES, [event.streamId.slice('certificate:'.length)], true);
    if (!before) return;
    yield update(CERTIFICATES, before, {
      ...before,
      status: p.status,
      superseded_by: p.supersededBy ?? before.superseded_by,
      status_reason: p.reason ?? before.status_reason,
      inspector_id: before.inspector_id ?? (event.type === 'InspectionRequested' ? str(p.inspectorId) : null),
      last_event_position: event.position,
      updated_at: event.occurredAt,
    });
  },
};

@Injectable()
export class CertificateProjection {
  readonly rule = CERTIFICATE_PROJECTION;

  apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    return projectLive(manager, this.rule, event);
  }
}
