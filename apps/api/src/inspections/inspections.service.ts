import { Injectable } from '@nestjs/common';
import { certificateLifecycleId, submitInspectionReportUpdate } from '@ocop/contracts';
import { actorOf, type AuthUser } from '@ocop/identity';
import { AccessService } from '../auth/access.service';
import type { IdempotentRequest } from '../common/idempotency.interceptor';
import { WorkflowCalls } from '../common/workflow-calls';
import { InspectionReportDto, InspectionReportResponse, InspectionResponse, ListInspectionsQuery } from './dto/inspection.dto';
import { InspectionRow, InspectionsRepository } from './inspections.repository';

@Injectable()
export class InspectionsService {
  constructor(
    private readonly repository: InspectionsRepository,
    private readonly calls: WorkflowCalls,
    private readonly access: AccessService,
  ) {}

  async list(user: AuthUser, query: ListInspectionsQuery): Promise<InspectionResponse[]> {
    const scope = this.access.scopeOf(user);
    // Only inspectors (their agency's inspections) and admins (all) list inspections.
    if (user.role !== 'admin' && !scope.agencyId) return [];
    const rows = await this.repository.list({ ...(scope.agencyId ? { inspectorId: scope.agencyId } : {}), ...(query.status ? { status: query.status } : {}) });
    return rows.map(toResponse);
  }

  /** The inspector's report goes to the certificate's lifecycle, which decides what follows (remediation, revocation). */
  async report(certificateNo: string, dto: InspectionReportDto, user: AuthUser, request: IdempotentRequest): Promise<InspectionReportResponse> {
    const state = await this.calls.update(
      certificateLifecycleId(certificateNo),
      submitInspectionReportUpdate,
      { actor: actorOf(user), verdict: dto.verdict, ...(dto.notes !== undefined ? { notes: dto.notes } : {}) },
      request,
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
    certificateNo: row.certificateNo,
    round: row.round,
    inspectorId: row.inspectorId,
    productId: row.productId,
    productName: row.productName,
    organisationId: row.organisationId,
    provinceCode: row.provinceCode,
    stars: row.stars,
    certificateStatus: row.certificateStatus,
    status: row.status,
    dueAt: new Date(row.dueAt).toISOString(),
    reportDueAt: new Date(row.reportDueAt).toISOString(),
    remediationDueAt: iso(row.remediationDueAt),
    verdict: row.verdict,
    reInspectionVerdict: row.reInspectionVerdict,
    requestedAt: new Date(row.requestedAt).toISOString(),
  };
}
