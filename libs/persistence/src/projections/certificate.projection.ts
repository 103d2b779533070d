import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parseProductJourneyId, StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Keeps `certificates` in step: issued by the journey (stream `product:<id>:<year>`, which gives the cycle year),
 * then changed by the certificate's own lifecycle. The inspector is the one CertificateIssued names, else the one
 * the first InspectionRequested names.
 */
@Injectable()
export class CertificateProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const p = event.payload as Payload;
    if (event.type === 'CertificateIssued') {
      await manager.query(
        `INSERT INTO certificates (certificate_no, product_id, organisation_id, product_name, province_code, district_code, product_group,
                                   stars, status, issued_at, expires_at, last_event_position, updated_at, inspector_id, cycle_year, supersedes)
         SELECT $1, product_id, organisation_id, name, province_code, district_code, product_group, $2, 'valid', $3, $4, $5, $6,
                $8, COALESCE($9, cycle_year), $10
           FROM products WHERE workflow_id = $7`,
        [p.certificateNo, p.stars, p.issuedAt, p.expiresAt, event.position, event.occurredAt, event.streamId,
         str(p.inspectorId), parseProductJourneyId(event.streamId)?.cycleYear ?? null, str(p.supersedes)],
      );
      return;
    }
    if (!event.streamId.startsWith('certificate:') || typeof p.status !== 'string') return;
    await manager.query(
      `UPDATE certificates SET status = $2, superseded_by = COALESCE($3, superseded_by), status_reason = COALESCE($4, status_reason),
              inspector_id = COALESCE(inspector_id, $7), last_event_position = $5, updated_at = $6
        WHERE certificate_no = $1`,
      [event.streamId.slice('certificate:'.length), p.status, p.supersededBy ?? null, p.reason ?? null, event.position, event.occurredAt,
       event.type === 'InspectionRequested' ? str(p.inspectorId) : null],
    );
  }
}
