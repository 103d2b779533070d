import { Injectable } from '@nestjs/common';
import { certificateLifecycleId, submitInspectionReportUpdate } from '@ocop/contracts';
import { actorOf, type AuthUser } from '@ocop/identity';
import { scopeOf } from '../auth/access.policy';
import type { CallContext } from '../common/call-context';
import { WorkflowClient } from '../common/workflow-client';
import { InspectionReportDto, InspectionReportResponse, InspectionResponse, ListInspectionsQuery } from './dto/inspection.dto';
import { InspectionRow, InspectionsRepository } from './inspections.repository';

@Injectable()
export class InspectionsService {
  constructor(
    private readonly repository: InspectionsRepository,
    private readonly workflows: WorkflowClient,
  ) {}

  async list(user: AuthUser, query: ListInspectionsQuery): Promise<InspectionResponse[]> {
    // Only inspectors (their agency's inspections) and admins (all) list inspections (see the policy).
    const scope = scopeOf(user);
    const rows = await this.repository.list({
      ...(scope.agencyId ? { inspectorId: scope.agencyId } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    return rows.map(toResponse);
  }

  /** The inspector's report goes to the certificate's lifecycle, which decides what follows (remediation, revocation). */
  async report(certificateNo: string, dto: InspectionReportDto, call: CallContext): Promise<InspectionReportResponse> {
    const state = await this.workflows.update(
      certificateLifecycleId(certificateNo),
      submitInspectionReportUpdate,
      { actor: actorOf(call.actor), verdict: dto.verdict, ...(dto.notes !== undefined ? { notes: dto.notes } : {}) },
      call,
    );
    const latest = await this.repository.latest(certificateNo);
    return {
      certificateNo,
      certificateStatus: state.status,
      ...(state.awaiting ? { awaiting: state.awaiting } : {}),
      inspection: latest ? toResponse(latest) : null,
    };
  }
}

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

function toResponse(row: InspectionRow): InspectionResponse {
  return {
    certificateNo: row.certificate_no,
    round: row.round,
    inspectorId: row.inspector_id,
    productId: row.product_id,
    productName: row.product_name,
    organisationId: row.organisation_id,
    provinceCode: row.province_code,
    stars: row.stars,
    certificateStatus: row.certificate_status,
    status: row.status,
    dueAt: new Date(row.due_at).toISOString(),
    reportDueAt: new Date(row.report_due_at).toISOString(),
    remediationDueAt: iso(row.remediation_due_at),
    verdict: row.verdict,
    reInspectionVerdict: row.re_inspection_verdict,
    requestedAt: new Date(row.requested_at).toISOString(),
  };
}
