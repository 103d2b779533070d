import { Injectable } from '@nestjs/common';
import { OcopError } from '@ocop/domain';
import { findCommune, findOcopDistrict, findOcopProvince } from '@ocop/admin-map';
import { actorLabelOf, ApiKeyRecord, IdentityStore, UserRecord, type UserBinding, type UserRole } from '@ocop/identity';
import { CallContext, idFor } from '../common/call-context';
import { fieldRuleViolation } from '../common/validation.pipe';
import { CreateUserDto, RebindUserDto } from './dto/create-user.dto';
import { UsersRepository } from './users.repository';

type Binding = Pick<CreateUserDto, 'organisationId' | 'districtCode' | 'provinceCode' | 'communeCode' | 'agencyId'>;

/** The binding field each role is bound by (a district coordinator's province follows from its district). */
const BINDING_FIELDS: Record<UserRole, readonly (keyof Binding)[]> = {
  producer: ['organisationId'],
  district_coordinator: ['districtCode'],
  commune_officer: ['communeCode'],
  provincial_coordinator: ['provinceCode'],
  lab: ['agencyId'],
  inspector: ['agencyId'],
  council_member: [],
  central_coordinator: [],
  admin: [],
};

/** Creating users checks their binding against the reference data and the organisations read model. */
@Injectable()
export class UsersService {
  constructor(
    private readonly identity: IdentityStore,
    private readonly repository: UsersRepository,
  ) {}

  async create(dto: CreateUserDto, call: CallContext): Promise<UserRecord> {
    const binding = await this.bindingOf(dto.role, dto);
    return this.identity.createUser(
      {
        username: dto.username,
        displayName: dto.displayName,
        password: dto.password,
        role: dto.role,
        ...binding,
        ...(dto.email ? { email: dto.email } : {}),
      },
      actorLabelOf(call.actor),
      idFor(call, 'user-created'),
    );
  }

  /**
   * Binds a user to another organisation, district, province or agency (its role stays): one `UserRebound` fact,
   * the user's row changed with it. The caller's next request already sees the new binding. Nothing is recorded
   * when the binding is the same.
   */
  async rebind(userId: string, dto: RebindUserDto, call: CallContext): Promise<UserRecord> {
    const user = await this.identity.findById(userId);
    if (!user) throw new OcopError('NOT_FOUND', { resource: 'user', id: userId });
    const fields = BINDING_FIELDS[user.role];
    if (fields.length === 0)
      throw fieldRuleViolation('role', 'hasBinding', `a ${user.role} is bound to nothing: there is nothing to re-bind`);
    for (const field of ['organisationId', 'districtCode', 'provinceCode', 'communeCode', 'agencyId'] as const) {
      const derived = field === 'provinceCode' && (user.role === 'district_coordinator' || user.role === 'commune_officer');
      if (dto[field] !== undefined && !fields.includes(field) && !derived)
        throw fieldRuleViolation(field, 'notForRole', `${field} does not apply to a ${user.role}`);
    }
    const required = fields[0]!;
    if (dto[required] === undefined) throw fieldRuleViolation(required, 'isNotEmpty', `${required} is required for a ${user.role}`);
    const binding = await this.bindingOf(user.role, dto);
    return this.identity.rebindUser(user, binding, actorLabelOf(call.actor), idFor(call, 'user-rebound'));
  }

  /**
   * Switches a person who left off (or back on): one `UserDisabled` / `UserEnabled` fact with the actor, nothing when
   * it is so already. An admin cannot switch itself off (nobody would be left to switch it on).
   */
  async setDisabled(userId: string, disabled: boolean, call: CallContext): Promise<UserRecord> {
    const user = await this.identity.findById(userId);
    if (!user) throw new OcopError('NOT_FOUND', { resource: 'user', id: userId });
    if (disabled && userId === call.actor.userId) throw fieldRuleViolation('id', 'notSelf', 'id must not be your own account');
    return this.identity.setUserDisabled(
      user,
      disabled,
      actorLabelOf(call.actor),
      idFor(call, disabled ? 'user-disabled' : 'user-enabled'),
    );
  }

  /** The binding a role takes from the request, checked against the reference data and the organisations read model. */
  private async bindingOf(role: UserRole, dto: Binding): Promise<UserBinding> {
    switch (role) {
      case 'producer': {
        const provinceCode = await this.repository.organisationProvince(dto.organisationId!);
        if (!provinceCode) throw new OcopError('UNKNOWN_ORGANISATION', { field: 'organisationId', value: dto.organisationId });
        return { organisationId: dto.organisationId, provinceCode };
      }
      case 'district_coordinator': {
        const district = findOcopDistrict(dto.districtCode!);
        if (!district) throw new OcopError('UNKNOWN_DISTRICT', { field: 'districtCode', value: dto.districtCode });
        return { districtCode: district.code, provinceCode: district.provinceCode };
      }
      case 'commune_officer': {
        // A commune of the 2025 map; the officer's province is the commune's.
        const commune = findCommune(dto.communeCode!);
        if (!commune)
          throw new OcopError('VALIDATION_FAILED', { field: 'communeCode', rule: 'a commune of the 2025 map', value: dto.communeCode });
        return { communeCode: commune.code, provinceCode: commune.provinceCode };
      }
      case 'provincial_coordinator':
        if (!(dto.provinceCode && findOcopProvince(dto.provinceCode)))
          throw new OcopError('VALIDATION_FAILED', { field: 'provinceCode', rule: 'a known province', value: dto.provinceCode });
        return { provinceCode: dto.provinceCode };
      case 'lab':
      case 'inspector':
        return { agencyId: dto.agencyId };
      default:
        return {};
    }
  }

  list(): Promise<UserRecord[]> {
    return this.identity.listUsers();
  }

  async issueKey(userId: string, name: string, call: CallContext): Promise<{ key: string; record: ApiKeyRecord }> {
    if (!(await this.identity.findById(userId))) throw new OcopError('NOT_FOUND', { field: 'userId', value: userId });
    return this.identity.issueApiKey(userId, name, actorLabelOf(call.actor), idFor(call, 'api-key-issued'));
  }

  listKeys(): Promise<ApiKeyRecord[]> {
    return this.identity.listApiKeys();
  }

  async revokeKey(keyId: string, call: CallContext): Promise<ApiKeyRecord> {
    const key = await this.identity.revokeApiKey(keyId, actorLabelOf(call.actor), idFor(call, 'api-key-revoked'));
    if (!key) throw new OcopError('NOT_FOUND', { field: 'id', value: keyId });
    return key;
  }
}
