import { Injectable } from '@nestjs/common';
import { OcopError } from '@ocop/domain';
import { findOcopDistrict } from '@ocop/admin-map';
import { actorLabelOf, type AuthUser } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { scopeInProvince, scopeOf } from '../auth/access.policy';
import { CallContext, idFor } from '../common/call-context';
import { pageOf } from '../common/paging';
import { fieldRuleViolation } from '../common/validation.pipe';
import { ListOrganisationsQuery, ORGANISATION_PAGE, RegisterOrganisationDto } from './dto/register-organisation.dto';
import { OrganisationPageResponse, OrganisationResponse } from './dto/organisation.response';
import { OrganisationRow, OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * Registers a producer organisation: one `OrganisationRegistered` fact on `organisation:<id>` (event log and read
   * model in one transaction). With an Idempotency-Key the id and the event id derive from it, so a retry that
   * gets past the stored response still records nothing new.
   */
  async register(dto: RegisterOrganisationDto, call: CallContext): Promise<OrganisationResponse> {
    const district = findOcopDistrict(dto.districtCode);
    if (!district) throw new OcopError('UNKNOWN_DISTRICT', { field: 'districtCode', value: dto.districtCode });
    if (dto.foundedYear !== undefined && dto.foundedYear > new Date().getUTCFullYear()) {
      throw fieldRuleViolation('foundedYear', 'notInFuture', 'foundedYear must not be after the current year');
    }
    const organisationId = idFor(call, 'organisation');
    await this.recorder.recordFact({
      eventId: idFor(call, 'organisation-registered'),
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
      actor: actorLabelOf(call.actor),
      occurredAt: new Date().toISOString(),
    });
    return toOrganisationResponse((await this.repository.find(organisationId))!);
  }

  async list(query: ListOrganisationsQuery, user: AuthUser): Promise<OrganisationPageResponse> {
    const { limit, offset } = pageOf(query, ORGANISATION_PAGE);
    const { rows, total } = await this.repository.list(
      scopeInProvince(scopeOf(user), query.province),
      { district: query.district, producerType: query.producerType, q: query.q },
      limit,
      offset,
    );
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
