import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PRODUCT_SORTS, type ProductSort } from '../products.repository';
import { LimitQuery, type PageSize } from '../../common/paging';
import { toInt } from '../../common/query-transforms';

const CODE = /^[a-z0-9]+(_[a-z0-9]+|-[a-z0-9]+)*$/;
/** "a,b" or a repeated parameter (["a", "b,c"]) → ["a", "b", "c"]; anything else is left for validation to refuse. */
const toList = ({ value }: { value: unknown }) => {
  const parts: unknown[] = Array.isArray(value) ? value : [value];
  if (!parts.every((part) => typeof part === 'string')) return value;
  return (parts as string[]).flatMap((part) => part.split(',')).filter((stage) => stage !== '');
};
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Products per page. */
export const PRODUCT_PAGE: PageSize = { default: 50, max: 200 };

/** Search, filters, order and cursor pagination of the product register. */
export class ListProductsQuery extends LimitQuery(PRODUCT_PAGE) {
  @ApiPropertyOptional({
    example: '14',
    description:
      'Only this province (lao-cai or a GSO code): the national register’s filter; a caller bound to a province gets nothing of another',
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'province must be a province code such as lao-cai or 14' })
  province?: string;

  @ApiPropertyOptional({ example: 2021 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'cycleYear must be an integer year' })
  cycleYear?: number;

  @ApiPropertyOptional({
    type: String,
    example: 'awaiting_district_session,awaiting_province_session',
    description: 'a stage, or several separated by commas (or the parameter repeated): products in any of them',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray({ message: 'stage must be stage codes separated by commas' })
  @ArrayMaxSize(30, { message: 'stage must name at most 30 stages' })
  @Matches(CODE, { each: true, message: 'stage must be stage codes such as dossier_due, separated by commas' })
  stage?: string[];

  @ApiPropertyOptional({ example: 'bac-ha' })
  @IsOptional()
  @Matches(CODE, { message: 'district must be a district code such as bac-ha' })
  district?: string;

  @ApiPropertyOptional({ example: '02890', description: 'Only products of this commune (2025 map, GSO code)' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'commune must be a 5-digit GSO commune code such as 02890' })
  commune?: string;

  @ApiPropertyOptional({ example: 'do-uong' })
  @IsOptional()
  @Matches(CODE, { message: 'productGroup must be a code such as do-uong' })
  productGroup?: string;

  @ApiPropertyOptional({ example: 4, minimum: 1, maximum: 5 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'stars must be an integer' })
  @Min(1)
  @Max(5)
  stars?: number;

  @ApiPropertyOptional({ description: 'only products whose current step is past its deadline' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;

  @ApiPropertyOptional({
    example: 'che shan tuyet',
    description:
      'words of the product name, the organisation name or the certificate number; with or without Vietnamese diacritics, any case',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({
    enum: PRODUCT_SORTS,
    default: 'newest',
    description: 'newest submission first, by name, or earliest deadline first',
  })
  @IsOptional()
  @IsIn(PRODUCT_SORTS, { message: `sort must be one of ${PRODUCT_SORTS.join(', ')}` })
  sort?: ProductSort;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;
}
