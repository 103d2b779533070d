import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Keeps `inspections` in step with a certificate's lifecycle (stream `certificate:<no>`), one row per yearly round.
 * A round: requested → the inspector's report (pass, or fail → remediation → a second report, the re-inspection:
 * pass, or fail → revoked) or no report by the due date (overdue; a missed re-inspection is then revoked).
 * Events without a `round` (overdue, revoked) concern the latest round.
 */
@Injectable()
export class InspectionProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const p = event.payload as Payload;
    const certificateNo = event.streamId.slice('certificate:'.length);
    const round = typeof p.round === 'number' ? p.round : null;
    const update = (set: string, params: unknown[], where = '') =>
      manager.query(
        `UPDATE inspections SET ${set}, last_event_position = $3, updated_at = $4
          WHERE certificate_no = $1 AND round = COALESCE($2, (SELECT max(round) FROM inspections WHERE certificate_no = $1)) ${where}`,
        [certificateNo, round, event.position, event.occurredAt, ...params],
      );
    switch (event.type) {
      case 'InspectionRequested':
        await manager.query(
          `INSERT INTO inspections (certificate_no, round, inspector_id, product_id, organisation_id, province_code, status, due_at, report_due_at,
                                    requested_at, last_event_position, updated_at)
           SELECT certificate_no, $2, COALESCE($3, inspector_id), product_id, organisation_id, province_code, 'requested', $4, $5, $6, $7, $6
             FROM certificates WHERE certificate_no = $1`,
          [certificateNo, round, str(p.inspectorId), p.dueAt, p.reportDueAt, event.occurredAt, event.position],
        );
        return;
      case 'InspectionPassed':
        // The second report of a round (after a failed one and remediation) is the re-inspection.
        await update(p.reInspection === true ? `status = 'passed', re_inspection_verdict = 'pass'` : `status = 'passed', verdict = 'pass'`, []);
        return;
      case 'InspectionFailed':
        await update(`status = 'failed', verdict = 'fail', remediation_due_at = $5`, [str(p.remediationDueAt)]);
        return;
      case 'InspectionReportOverdue':
        await update(`status = 'overdue'`, [], `AND status IN ('requested', 'failed')`);
        return;
      case 'CertificateRevoked': {
        // Revoked by the inspector's failing re-inspection report, or by the deadline when remediation was missed.
        const reInspectionFailed = event.actor !== 'system:deadline';
        await update(
          `status = 'revoked', re_inspection_verdict = CASE WHEN $5 THEN 'fail' ELSE re_inspection_verdict END`,
          [reInspectionFailed],
          `AND status IN ('failed', 'overdue')`,
        );
        return;
      }
      default:
        return;
    }
  }
}
