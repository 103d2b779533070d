import { Injectable } from '@nestjs/common';
import { submitLabResultsUpdate } from '@ocop/contracts';
import { OcopError } from '@ocop/domain';
import { actorOf, type AuthUser } from '@ocop/identity';
import { scopeOf } from '../auth/access.policy';
import type { CallContext } from '../common/call-context';
import { WorkflowClient } from '../common/workflow-client';
import { LabRequestResponse, LabResultsResponse, ListLabRequestsQuery, SubmitLabResultsDto } from './dto/lab-request.dto';
import { LabRequestRow, LabRequestsRepository } from './lab-requests.repository';

@Injectable()
export class LabRequestsService {
  constructor(
    private readonly repository: LabRequestsRepository,
    private readonly workflows: WorkflowClient,
  ) {}

  async list(user: AuthUser, query: ListLabRequestsQuery): Promise<LabRequestResponse[]> {
    // Only labs (their agency's requests) and admins (all) list lab requests (see the policy).
    const scope = scopeOf(user);
    const rows = await this.repository.list({
      ...(scope.agencyId ? { labId: scope.agencyId } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    return rows.map(toResponse);
  }

  async detail(requestId: string): Promise<LabRequestResponse> {
    return toResponse(await this.row(requestId));
  }

  /** The lab's results go to the product's journey, which decides: pass, a retest after a first failure, or failed. */
  async submitResults(requestId: string, dto: SubmitLabResultsDto, call: CallContext): Promise<LabResultsResponse> {
    const row = await this.row(requestId);
    const indicators = dto.indicators.map((i) => ({
      indicator: i.indicator,
      ...(i.value !== undefined ? { value: i.value } : {}),
      passed: i.passed,
    }));
    const ack = await this.workflows.update(
      row.workflow_id,
      submitLabResultsUpdate,
      { actor: actorOf(call.actor), requestId, indicators },
      call,
    );
    const decided = await this.row(requestId);
    const retest = await this.repository.retestOf(requestId);
    return { request: toResponse(decided), productStage: ack.stage, ...(retest ? { retest: toResponse(retest) } : {}) };
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
    requestId: row.request_id,
    productId: row.product_id,
    workflowId: row.workflow_id,
    productName: row.product_name,
    productGroup: row.product_group,
    cycleYear: row.cycle_year,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    labId: row.lab_id,
    attempt: row.attempt,
    status: row.status,
    requestedAt: new Date(row.requested_at).toISOString(),
    dueAt: iso(row.due_at),
    results: row.results,
    decidedAt: iso(row.decided_at),
  };
}
