import { Injectable } from '@nestjs/common';
import { OcopError } from '@ocop/domain';
import { findOcopDistrict, findOcopProvince } from '@ocop/admin-map';
import { actorLabelOf, ApiKeyRecord, IdentityStore, UserRecord } from '@ocop/identity';
import { CallContext, idFor } from '../common/call-context';
import { CreateUserDto } from './dto/create-user.dto';
import { UsersRepository } from './users.repository';

/** Creating users checks their binding against the reference data and the organisations read model. */
@Injectable()
export class UsersService {
  constructor(
    private readonly identity: IdentityStore,
    private readonly repository: UsersRepository,
  ) {}

  async create(dto: CreateUserDto, call: CallContext): Promise<UserRecord> {
    let provinceCode = dto.provinceCode;
    if (dto.role === 'district_coordinator') {
      const district = findOcopDistrict(dto.districtCode!);
      if (!district) throw new OcopError('UNKNOWN_DISTRICT', { field: 'districtCode', value: dto.districtCode });
      provinceCode = district.provinceCode;
    }
    if (dto.role === 'provincial_coordinator' && !(provinceCode && findOcopProvince(provinceCode))) {
      throw new OcopError('VALIDATION_FAILED', { field: 'provinceCode', rule: 'a known province', value: provinceCode });
    }
    if (dto.role === 'producer') {
      provinceCode = await this.repository.organisationProvince(dto.organisationId!);
      if (!provinceCode) throw new OcopError('UNKNOWN_ORGANISATION', { field: 'organisationId', value: dto.organisationId });
    }
    return this.identity.createUser(
      {
        username: dto.username,
        displayName: dto.displayName,
        password: dto.password,
        role: dto.role,
        ...(dto.role === 'producer' ? { organisationId: dto.organisationId } : {}),
        ...(dto.role === 'district_coordinator' ? { districtCode: dto.districtCode } : {}),
        ...(provinceCode && ['producer', 'district_coordinator', 'provincial_coordinator'].includes(dto.role) ? { provinceCode } : {}),
        ...(dto.role === 'lab' || dto.role === 'inspector' ? { agencyId: dto.agencyId } : {}),
        ...(dto.email ? { email: dto.email } : {}),
      },
      actorLabelOf(call.actor),
      idFor(call, 'user-created'),
    );
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
