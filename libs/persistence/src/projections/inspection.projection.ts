import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { CERTIFICATES, INSPECTIONS } from './read-model-tables';
import { get, insert, latest, Payload, ProjectionRule, Row, str, update } from './read-model';

/**
 * Keeps `inspections` in step with a certificate's lifecycle (stream `certificate:<no>`), one row per yearly round.
 * A round: requested → the inspector's report (pass, or fail → remediation → a second report, the re-inspection:
 * pass, or fail → revoked) or no report by the due date (overdue; a missed re-inspection is then revoked).
 * Events without a `round` (overdue, revoked) concern the latest round. The fields of the certificate come from
 * its `certificates` row (the certificates projection runs first).
 */
export const INSPECTION_PROJECTION: ProjectionRule = {
  name: 'inspections',
  selects: [
    {
      streamPrefix: 'certificate:',
      types: ['InspectionRequested', 'InspectionPassed', 'InspectionFailed', 'InspectionReportOverdue', 'CertificateRevoked'],
    },
  ],
  *project(event) {
    const p = event.payload as Payload;
    const certificateNo = event.streamId.slice('certificate:'.length);
    const round = typeof p.round === 'number' ? p.round : null;
    if (event.type === 'InspectionRequested') {
      const certificate = yield get(CERTIFICATES, [certificateNo]);
      if (!certificate) return;
      yield insert(INSPECTIONS, {
        certificate_no: certificate.certificate_no,
        round,
        inspector_id: str(p.inspectorId) ?? certificate.inspector_id,
        product_id: certificate.product_id,
        organisation_id: certificate.organisation_id,
        province_code: certificate.province_code,
        status: 'requested',
        due_at: p.dueAt,
        report_due_at: p.reportDueAt,
        remediation_due_at: null,
        verdict: null,
        re_inspection_verdict: null,
        requested_at: event.occurredAt,
        last_event_position: event.position,
        updated_at: event.occurredAt,
      });
      return;
    }
    const before = round === null ? yield latest(INSPECTIONS, [certificateNo], true) : yield get(INSPECTIONS, [certificateNo, round], true);
    if (!before) return;
    let change: Row;
    switch (event.type) {
      case 'InspectionPassed':
        // The second report of a round (after a failed one and remediation) is the re-inspection.
        change = p.reInspection === true ? { status: 'passed', re_inspection_verdict: 'pass' } : { status: 'passed', verdict: 'pass' };
        break;
      case 'InspectionFailed':
        change = { status: 'failed', verdict: 'fail', remediation_due_at: str(p.remediationDueAt) };
        break;
      case 'InspectionReportOverdue':
        if (before.status !== 'requested' && before.status !== 'failed') return;
        change = { status: 'overdue' };
        break;
      default:
        // CertificateRevoked: by the inspector's failing re-inspection report, or by the deadline when remediation was missed.
        if (before.status !== 'failed' && before.status !== 'overdue') return;
        change = { status: 'revoked', ...(event.actor !== 'system:deadline' ? { re_inspection_verdict: 'fail' } : {}) };
    }
    yield update(INSPECTIONS, before, { ...before, ...change, last_event_position: event.position, updated_at: event.occurredAt });
  },
};

@Injectable()
export class InspectionProjection {
  readonly rule = INSPECTION_PROJECTION;

  apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    return projectLive(manager, this.rule, event);
  }
}
