import { Injectable } from '@nestjs/common';
import { submitLabResultsUpdate } from '@ocop/contracts';
import { OcopError } from '@ocop/domain';
import { actorOf, type AuthUser } from '@ocop/identity';
import { AccessService } from '../auth/access.service';
import type { IdempotentRequest } from '../common/idempotency.interceptor';
import { WorkflowCalls } from '../common/workflow-calls';
import { LabRequestResponse, LabResultsResponse, ListLabRequestsQuery, SubmitLabResultsDto } from './dto/lab-request.dto';
import { LabRequestRow, LabRequestsRepository } from './lab-requests.repository';

@Injectable()
export class LabRequestsService {
  constructor(
    private readonly repository: LabRequestsRepository,
    private readonly calls: WorkflowCalls,
    private readonly access: AccessService,
  ) {}

  async list(user: AuthUser, query: ListLabRequestsQuery): Promise<LabRequestResponse[]> {
    const scope = this.access.scopeOf(user);
    // Only labs (their agency's requests) and admins (all) list lab requests.
    if (user.role !== 'admin' && !scope.agencyId) return [];
    const rows = await this.repository.list({ ...(scope.agencyId ? { labId: scope.agencyId } : {}), ...(query.status ? { status: query.status } : {}) });
    return rows.map(toResponse);
  }

  async detail(requestId: string): Promise<LabRequestResponse> {
    return toResponse(await this.row(requestId));
  }

  /** The lab's results go to the product's journey, which decides: pass, a retest after a first failure, or failed. */
  async submitResults(requestId: string, dto: SubmitLabResultsDto, user: AuthUser, request: IdempotentRequest): Promise<LabResultsResponse> {
    const row = await this.row(requestId);
    const indicators = dto.indicators.map((i) => ({ indicator: i.indicator, ...(i.value !== undefined ? { value: i.value } : {}), passed: i.passed }));
    const state = await this.calls.update(row.workflowId, submitLabResultsUpdate, { actor: actorOf(user), requestId, indicators }, request);
    const decided = await this.row(requestId);
    const retestId = state.lab && state.lab.requestId !== requestId ? state.lab.requestId : undefined;
    const retest = retestId ? await this.repository.find(retestId) : undefined;
    return { request: toResponse(decided), productStage: state.stage, ...(retest ? { retest: toResponse(retest) } : {}) };
  }

  private async row(requestId: string): Promise<LabRequestRow> {
    const row = await this.repository.find(requestId);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'labRequest', id: requestId });
    return row;
  }
}

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

function toResponse(row: LabRequestRow): LabRequestResponse {
  return {
    requestId: row.requestId,
    productId: row.productId,
    workflowId: row.workflowId,
    productName: row.productName,
    productGroup: row.productGroup,
    cycleYear: row.cycleYear,
    provinceCode: row.provinceCode,
    districtCode: row.districtCode,
    labId: row.labId,
    attempt: row.attempt,
    status: row.status,
    requestedAt: new Date(row.requestedAt).toISOString(),
    dueAt: iso(row.dueAt),
    results: row.results,
    decidedAt: iso(row.decidedAt),
  };
}
