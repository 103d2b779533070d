import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ROLES, type UserRecord, type UserRole } from '@ocop/identity';

export class UserResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'htx.bacha' })
  username!: string;

  @ApiProperty({ example: 'HTX Nông nghiệp Bắc Hà' })
  displayName!: string;

  @ApiProperty({ enum: USER_ROLES })
  role!: UserRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'producer: its organisation' })
  organisationId?: string;

  @ApiPropertyOptional({ example: 'bac-ha', description: 'district coordinator: its district' })
  districtCode?: string;

  @ApiPropertyOptional({ example: 'lao-cai' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: '02890', description: 'commune officer: its commune (2025 map)' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'lab:lao-cai', description: 'lab / inspector: its agency' })
  agencyId?: string;

  @ApiProperty()
  disabled!: boolean;

  @ApiProperty()
  createdAt!: string;
}

/** What a coordinator needs to seat a council member: no bindings, no dates. */
export class CouncilMemberResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'hoidong.1' })
  username!: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  displayName!: string;
}

export const toUserResponse = (user: UserRecord): UserResponse => ({
  userId: user.userId,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  ...(user.organisationId ? { organisationId: user.organisationId } : {}),
  ...(user.districtCode ? { districtCode: user.districtCode } : {}),
  ...(user.provinceCode ? { provinceCode: user.provinceCode } : {}),
  ...(user.communeCode ? { communeCode: user.communeCode } : {}),
  ...(user.agencyId ? { agencyId: user.agencyId } : {}),
  disabled: user.disabled,
  createdAt: user.createdAt,
});
