import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findDistrict, OcopError, PROVINCES } from '@ocop/domain';
import { ApiKeyRecord, IdentityStore, UserRecord } from '@ocop/identity';
import { CreateUserDto } from './dto/create-user.dto';

/** Creating users checks their binding against the reference data and the organisations read model. */
@Injectable()
export class UsersService {
  constructor(
    private readonly identity: IdentityStore,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async create(dto: CreateUserDto, actor: string, eventId: string): Promise<UserRecord> {
    let provinceCode = dto.provinceCode;
    if (dto.role === 'district_coordinator') {
      const district = findDistrict(dto.districtCode!);
      if (!district) throw new OcopError('UNKNOWN_DISTRICT', { field: 'districtCode', value: dto.districtCode });
      provinceCode = district.provinceCode;
    }
    if (dto.role === 'provincial_coordinator' && !PROVINCES.some((p) => p.code === provinceCode)) {
      throw new OcopError('VALIDATION_FAILED', { field: 'provinceCode', rule: 'a known province', value: provinceCode });
    }
    if (dto.role === 'producer') {
      const [org] = await this.db.query(`SELECT province_code FROM organisations WHERE organisation_id = $1`, [dto.organisationId]);
      if (!org) throw new OcopError('UNKNOWN_ORGANISATION', { field: 'organisationId', value: dto.organisationId });
      provinceCode = org.province_code;
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
      actor,
      eventId,
    );
  }

  list(): Promise<UserRecord[]> {
    return this.identity.listUsers();
  }

  async issueKey(userId: string, name: string, actor: string, eventId: string): Promise<{ key: string; record: ApiKeyRecord }> {
    if (!(await this.identity.findById(userId))) throw new OcopError('NOT_FOUND', { field: 'userId', value: userId });
    return this.identity.issueApiKey(userId, name, actor, eventId);
  }

  listKeys(): Promise<ApiKeyRecord[]> {
    return this.identity.listApiKeys();
  }

  async revokeKey(keyId: string, actor: string, eventId: string): Promise<ApiKeyRecord> {
    const key = await this.identity.revokeApiKey(keyId, actor, eventId);
    if (!key) throw new OcopError('NOT_FOUND', { field: 'id', value: keyId });
    return key;
  }
}
