import { Injectable } from '@nestjs/common';
import { annualCycleId, lateEntryOpeningUpdate } from '@ocop/contracts';
import { localDateKey, OcopError } from '@ocop/domain';
import { findCommune, findOcopDistrict } from '@ocop/admin-map';
import { currentProvinceOf, placeOfAddress, type OrganisationPlace } from '@ocop/admin-areas';
import { actorLabelOf, actorOf, type AuthUser } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { scopeInProvince, scopeOf } from '../auth/access.policy';
import { CallContext, idFor } from '../common/call-context';
import { pageOf } from '../common/paging';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowClient } from '../common/workflow-client';
import { LateEntryResponse, OpenLateEntryDto } from './dto/late-entry.dto';
import { ListOrganisationsQuery, ORGANISATION_PAGE, RegisterOrganisationDto } from './dto/register-organisation.dto';
import { CONTACT_FIELDS, ChangeContactDto } from './dto/change-contact.dto';
import { OrganisationPageResponse, OrganisationResponse } from './dto/organisation.response';
import { OrganisationRow, OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly recorder: EventRecorder,
    private readonly workflows: WorkflowClient,
  ) {}

  /**
   * Opens a late entry for the organisation in its province's cycle: the cycle workflow checks the coordinator is of
   * the organisation's area and records LateEntryOpened with the actor; ideas are then taken until its end.
   */
  async openLateEntry(organisationId: string, dto: OpenLateEntryDto, call: CallContext): Promise<LateEntryResponse> {
    const row = await this.repository.find(organisationId);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'organisation', id: organisationId });
    if (!(await this.repository.cycleExists(row.province_code, dto.cycleYear)))
      throw new OcopError('CYCLE_NOT_OPEN', {
        field: 'cycleYear',
        provinceCode: row.province_code,
        cycleYear: dto.cycleYear,
        reason: 'no cycle',
      });
    const progress = await this.workflows.update(
      annualCycleId(row.province_code, dto.cycleYear),
      lateEntryOpeningUpdate,
      {
        actor: actorOf(call.actor),
        organisationId,
        districtCode: row.district_code,
        ...(dto.until !== undefined ? { until: dto.until } : {}),
      },
      call,
    );
    const until = progress.lateEntries?.[organisationId];
    if (!until) throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the late entry was not confirmed by the cycle' });
    return { organisationId, cycleYear: dto.cycleYear, provinceCode: row.province_code, until };
  }

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
    const place = this.placeOf(dto, district.provinceCode);
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
        ...(dto.address !== undefined ? { address: dto.address.trim() } : {}),
        ...place,
      },
      actor: actorLabelOf(call.actor),
      occurredAt: new Date().toISOString(),
    });
    return toOrganisationResponse((await this.repository.find(organisationId))!);
  }

  /**
   * Where a new organisation is: the commune it names (checked against its province), else the one its address gives
   * (an old-map address converted, keeping its old commune and district); nothing when neither says.
   */
  private placeOf(dto: RegisterOrganisationDto, provinceCode: string): OrganisationPlace {
    if (dto.communeCode !== undefined) return { communeCode: requireCommuneIn(dto.communeCode, provinceCode) };
    const found = dto.address ? placeOfAddress(dto.address, localDateKey(new Date())) : undefined;
    if (!found || findCommune(found.communeCode!)?.provinceCode !== currentProvinceOf(provinceCode)) return {};
    const { split: _split, ...place } = found;
    return place;
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

  /**
   * Changes the contact details the request names (null clears one): one `OrganisationContactChanged` fact on the
   * organisation's stream, with the caller as its actor; the read model takes it in the same transaction. Nothing
   * is recorded when no field is named or every named field already holds that value.
   */
  async changeContact(organisationId: string, dto: ChangeContactDto, call: CallContext): Promise<OrganisationResponse> {
    const named = CONTACT_FIELDS.filter((field) => dto[field] !== undefined);
    if (named.length === 0 && dto.communeCode === undefined)
      throw fieldRuleViolation(
        'contactEmail',
        'atLeastOne',
        `send at least one of ${CONTACT_FIELDS.join(', ')} (null clears one), or communeCode`,
      );
    const row = await this.repository.find(organisationId);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'organisation', id: organisationId });
    // Checked before anything is recorded: a bad commune changes nothing, the contact fields included.
    const communeCode = dto.communeCode === undefined ? undefined : requireCommuneIn(dto.communeCode, row.province_code);
    if (communeCode !== undefined && communeCode !== row.commune_code) {
      await this.recorder.recordFact({
        eventId: idFor(call, 'organisation-placed'),
        streamId: `organisation:${row.organisation_id}`,
        type: 'OrganisationPlaced',
        // The whole place, stated anew: the old commune and district stay what registration converted.
        payload: {
          organisationId: row.organisation_id,
          communeCode,
          ...(row.legacy_commune_code ? { legacyCommuneCode: row.legacy_commune_code } : {}),
          ...(row.legacy_district_code ? { legacyDistrictCode: row.legacy_district_code } : {}),
        },
        actor: actorLabelOf(call.actor),
        occurredAt: new Date().toISOString(),
      });
    }
    const current = toOrganisationResponse((await this.repository.find(organisationId))!);
    const changes = Object.fromEntries(
      named
        .map((field) => [field, typeof dto[field] === 'string' ? dto[field]!.trim() : null] as const)
        .filter(([field, value]) => current[field] !== value),
    );
    if (Object.keys(changes).length === 0) return current;
    await this.recorder.recordFact({
      eventId: idFor(call, 'organisation-contact-changed'),
      streamId: `organisation:${row.organisation_id}`,
      type: 'OrganisationContactChanged',
      payload: { organisationId: row.organisation_id, ...changes },
      actor: actorLabelOf(call.actor),
      occurredAt: new Date().toISOString(),
    });
    return toOrganisationResponse((await this.repository.find(organisationId))!);
  }

  async detail(organisationId: string): Promise<OrganisationResponse> {
    const row = await this.repository.find(organisationId);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'organisation', id: organisationId });
    return toOrganisationResponse(row);
  }
}

/** The commune, if it lies in the province (on the 2025 map); else 400 naming `communeCode`. */
function requireCommuneIn(communeCode: string, provinceCode: string): string {
  const commune = findCommune(communeCode);
  const province = currentProvinceOf(provinceCode);
  if (!commune || commune.provinceCode !== province)
    throw fieldRuleViolation(
      'communeCode',
      'inProvince',
      `communeCode must be a commune of the organisation’s province on the 2025 map (${province ?? provinceCode})`,
    );
  return commune.code;
}

export function toOrganisationResponse(row: OrganisationRow): OrganisationResponse {
  return {
    id: row.organisation_id,
    name: row.name,
    producerType: row.producer_type,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    communeCode: row.commune_code,
    communeName: (row.commune_code && findCommune(row.commune_code)?.vi) ?? null,
    legacyCommuneCode: row.legacy_commune_code,
    legacyDistrictCode: row.legacy_district_code,
    foundedYear: row.founded_year,
    taxCode: row.tax_code,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    address: row.address,
    representative: row.representative,
    registeredBy: row.registered_by,
    registeredAt: new Date(row.created_at).toISOString(),
    contactUpdatedBy: row.contact_updated_by,
    contactUpdatedAt: row.contact_updated_at ? new Date(row.contact_updated_at).toISOString() : null,
  };
}
