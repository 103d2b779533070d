import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;

/** Keeps `certificates` in step: issued by the journey, then changed by the certificate's own lifecycle. */
@Injectable()
export class CertificateProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const p = event.payload as Payload;
    if (event.type === 'CertificateIssued') {
      await manager.query(
        `INSERT INTO certificates (certificate_no, product_id, organisation_id, product_name, province_code, district_code, product_group,
                                   stars, status, issued_at, expires_at, last_event_position, updated_at)
         SELECT $1, product_id, organisation_id, name, province_code, district_code, product_group, $2, 'valid', $3, $4, $5, $6
           FROM products WHERE workflow_id = $7`,
        [p.certificateNo, p.stars, p.issuedAt, p.expiresAt, event.position, event.occurredAt, event.streamId],
      );
      return;
    }
    if (!event.streamId.startsWith('certificate:') || typeof p.status !== 'string') return;
    await manager.query(
      `UPDATE certificates SET status = $2, superseded_by = COALESCE($3, superseded_by), status_reason = COALESCE($4, status_reason),
              last_event_position = $5, updated_at = $6
        WHERE certificate_no = $1`,
      [event.streamId.slice('certificate:'.length), p.status, p.supersededBy ?? null, p.reason ?? null, event.position, event.occurredAt],
    );
  }
}
