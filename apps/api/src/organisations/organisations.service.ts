import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { findDistrict, OcopError } from '@ocop/domain';
import { actorLabelOf, type AuthUser } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { AccessService } from '../auth/access.service';
import { deterministicUuid } from '../common/deterministic-id';
import { eventIdFor } from '../common/event-id';
import type { IdempotentRequest } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { ListOrganisationsQuery, RegisterOrganisationDto } from './dto/register-organisation.dto';
import { OrganisationPageResponse, OrganisationResponse } from './dto/organisation.response';
import { mayRegisterIn } from './organisation-rules';
import { OrganisationRow, OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly recorder: EventRecorder,
    private readonly access: AccessService,
  ) {}

  /**
   * Registers a producer organisation: one `OrganisationRegistered` fact on `organisation:<id>` (event log and read
   * model in one transaction). With an Idempotency-Key the id and the event id derive from it, so a retry that
   * gets past the stored response still records nothing new.
   */
  async register(dto: RegisterOrganisationDto, user: AuthUser, request: IdempotentRequest): Promise<OrganisationResponse> {
    const district = findDistrict(dto.districtCode);
    if (!district) throw new OcopError('UNKNOWN_DISTRICT', { field: 'districtCode', value: dto.districtCode });
    if (!mayRegisterIn(user, district)) {
      throw new OcopError('ACCESS_DENIED', { field: 'districtCode', value: dto.districtCode, rule: 'district coordinators register in their district, provincial coordinators in their province', role: user.role });
    }
    if (dto.foundedYear !== undefined && dto.foundedYear > new Date().getUTCFullYear()) {
      throw fieldRuleViolation('foundedYear', 'notInFuture', 'foundedYear must not be after the current year');
    }
    const organisationId = request.idempotencyScope ? deterministicUuid('ocop-flow:organisation', request.idempotencyScope) : randomUUID();
    await this.recorder.recordFact({
      eventId: eventIdFor(request, 'organisation-registered'),
      streamId: `organisation:${organisationId}`,
      type: 'OrganisationRegistered',
      payload: {
        organisationId,
        name: dto.name.trim(),
        producerType: dto.producerType,
        provinceCode: district.provinceCode,
        districtCode: district.code,
        ...(dto.foundedYear !== undefined ? { foundedYear: dto.foundedYear } : {}),
        ...(dto.taxCode !== undefined ? { taxCode: dto.taxCode } : {}),
        ...(dto.contactEmail !== undefined ? { contactEmail: dto.contactEmail } : {}),
      },
      actor: actorLabelOf(user),
      occurredAt: new Date().toISOString(),
    });
    return toOrganisationResponse((await this.repository.find(organisationId))!);
  }

  async list(query: ListOrganisationsQuery, user: AuthUser): Promise<OrganisationPageResponse> {
    const { rows, total } = await this.repository.list(this.access.scopeOf(user), { district: query.district, producerType: query.producerType, q: query.q }, query.limit ?? 100, query.offset ?? 0);
    return { items: rows.map(toOrganisationResponse), total };
  }

  async detail(organisationId: string): Promise<OrganisationResponse> {
    const row = await this.repository.find(organisationId);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'organisation', id: organisationId });
    return toOrganisationResponse(row);
  }
}

export function toOrganisationResponse(row: OrganisationRow): OrganisationResponse {
  return {
    id: row.organisation_id,
    name: row.name,
    producerType: row.producer_type,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    foundedYear: row.founded_year,
    taxCode: row.tax_code,
    contactEmail: row.contact_email,
    registeredBy: row.registered_by,
    registeredAt: new Date(row.created_at).toISOString(),
  };
}
