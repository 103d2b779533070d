import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MIN_PASSWORD_LENGTH, USER_ROLES, type UserRole } from '@ocop/identity';
import { PasswordRuleOf } from '../../common/validators';

export class CreateUserDto {
  @ApiProperty({ example: 'huyen.simacai', description: 'lower-case letters, digits, dots, dashes, underscores' })
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username must be 3–64 lower-case letters, digits, ".", "-" or "_"' })
  username!: string;

  @ApiProperty({ example: 'Phòng NN&PTNT huyện Si Ma Cai' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: 200,
    description: `At least ${MIN_PASSWORD_LENGTH} characters, not the username, and not a common or easily guessed password (zxcvbn score ≥ 3): rules minLength, notUsername, notCommon`,
  })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  @PasswordRuleOf('notUsername')
  @PasswordRuleOf('notCommon')
  password!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'required for producer' })
  @ValidateIf((o: CreateUserDto) => o.role === 'producer' || o.organisationId !== undefined)
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'si-ma-cai', description: 'required for district_coordinator' })
  @ValidateIf((o: CreateUserDto) => o.role === 'district_coordinator' || o.districtCode !== undefined)
  @IsString()
  @IsNotEmpty()
  districtCode?: string;

  @ApiPropertyOptional({
    example: '02890',
    description: 'required for commune_officer: a commune of the 2025 map (GSO code, e.g. 02890 Xã Bảo Nhai)',
  })
  @ValidateIf((o: CreateUserDto) => o.role === 'commune_officer' || o.communeCode !== undefined)
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit GSO commune code such as 02890' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'lao-cai', description: 'required for provincial_coordinator' })
  @ValidateIf((o: CreateUserDto) => o.role === 'provincial_coordinator' || o.provinceCode !== undefined)
  @IsString()
  @IsNotEmpty()
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'lab:lao-cai', description: 'required for lab and inspector' })
  @ValidateIf((o: CreateUserDto) => o.role === 'lab' || o.role === 'inspector' || o.agencyId !== undefined)
  @IsString()
  @IsNotEmpty()
  agencyId?: string;

  @ApiPropertyOptional({ example: 'ocop@laocai.gov.vn' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

/** Re-bind a user (gắn lại): the field its role is bound by — organisationId, districtCode, communeCode, provinceCode or agencyId. */
export class RebindUserDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'producer: its new organisation' })
  @IsOptional()
  @IsUUID(undefined, { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({ example: 'bat-xat', description: 'district coordinator: its new district' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'districtCode must be a lower-case code such as bac-ha' })
  districtCode?: string;

  @ApiPropertyOptional({ example: '02839', description: 'commune officer: its new commune (2025 map)' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit GSO commune code such as 02890' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'lao-cai', description: 'provincial coordinator: its new province' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'provinceCode must be a lower-case code such as lao-cai' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'lab:lao-cai', description: 'lab or inspector: its new agency' })
  @IsOptional()
  @Matches(/^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'agencyId must look like lab:lao-cai or inspector:lao-cai' })
  agencyId?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ format: 'uuid', description: 'the (agency) user the key acts as' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ example: 'LIMS integration' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' })
  keyId!: string;

  @ApiProperty({ example: '3f9a0c1b2d4e' })
  prefix!: string;

  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty({ nullable: true, type: String })
  revokedAt!: string | null;
}

export class IssuedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'Shown once: send it as `X-Api-Key`. Only its hash is stored.', example: 'ocop_3f9a0c1b2d4e_…' })
  key!: string;
}
