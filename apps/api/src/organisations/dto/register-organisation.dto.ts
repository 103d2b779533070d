import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PRODUCER_TYPES } from '@ocop/domain';
import { OffsetPageQuery, type PageSize } from '../../common/paging';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const COMMUNE = /^\d{5}$/;
const PRODUCER_TYPE_CODES = PRODUCER_TYPES.map((t) => t.code);

/** Register a producer organisation (đăng ký chủ thể sản xuất). */
export class RegisterOrganisationDto {
  @ApiProperty({ example: 'HTX Dược liệu Sín Chéng', minLength: 2, maxLength: 200 })
  @IsString()
  @Length(2, 200, { message: 'name must be 2–200 characters' })
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'name must not contain control characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    enum: PRODUCER_TYPE_CODES,
    example: 'htx',
    description: PRODUCER_TYPES.map((t) => `${t.code}: ${t.vi} / ${t.en}`).join('; '),
  })
  @IsIn(PRODUCER_TYPE_CODES, { message: `producerType must be one of ${PRODUCER_TYPE_CODES.join(', ')}` })
  producerType!: string;

  @ApiProperty({ example: 'si-ma-cai', description: 'District code of the reference data (e.g. the 9 Lào Cai units)' })
  @Matches(CODE, { message: 'districtCode must be a lower-case code such as bac-ha' })
  districtCode!: string;

  @ApiPropertyOptional({ example: 2019, minimum: 1900 })
  @IsOptional()
  @IsInt({ message: 'foundedYear must be an integer year' })
  @Min(1900, { message: 'foundedYear must be 1900 or later' })
  @Max(2100, { message: 'foundedYear must be 2100 or earlier' })
  foundedYear?: number;

  @ApiPropertyOptional({ example: '5300123456', description: 'Mã số thuế: 10 digits, or 10 digits "-" 3 digits for a branch' })
  @IsOptional()
  @Matches(/^\d{10}(-\d{3})?$/, { message: 'taxCode must be 10 digits, or 10 digits, "-" and 3 digits' })
  taxCode?: string;

  @ApiPropertyOptional({ example: 'htx.sincheng@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @Length(3, 254, { message: 'contactEmail must be at most 254 characters' })
  contactEmail?: string;

  @ApiPropertyOptional({
    example: '02890',
    description: 'Its commune on the 2025 map (GSO code), which must be in its province; taken from `address` when left out',
  })
  @IsOptional()
  @Matches(COMMUNE, { message: 'communeCode must be a 5-digit GSO commune code such as 02890' })
  communeCode?: string;

  @ApiPropertyOptional({
    example: 'Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
    description:
      'Its address: a 2025 address (commune, province) gives its commune; an old-map one (commune, district, province) is converted, and its old commune and district are kept',
  })
  @IsOptional()
  @IsString({ message: 'address must be a string' })
  @Length(5, 300, { message: 'address must be 5–300 characters' })
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'address must not contain control characters' })
  address?: string;
}

/** Organisations per page. */
export const ORGANISATION_PAGE: PageSize = { default: 100, max: 500 };

export class ListOrganisationsQuery extends OffsetPageQuery(ORGANISATION_PAGE) {
  @ApiPropertyOptional({
    example: '14',
    description:
      'Only this province (lao-cai or a GSO code): the national register’s filter; a caller bound to a province gets nothing of another',
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'province must be a province code such as lao-cai or 14' })
  province?: string;

  @ApiPropertyOptional({
    example: 'che shan tuyet',
    description: 'words of the name or tax code; with or without Vietnamese diacritics, any case',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({ example: 'bac-ha' })
  @IsOptional()
  @Matches(CODE, { message: 'district must be a district code such as bac-ha' })
  district?: string;

  @ApiPropertyOptional({ enum: PRODUCER_TYPE_CODES })
  @IsOptional()
  @IsIn(PRODUCER_TYPE_CODES, { message: `producerType must be one of ${PRODUCER_TYPE_CODES.join(', ')}` })
  producerType?: string;
}
