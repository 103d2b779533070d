import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FIRST_CYCLE_YEAR } from '@ocop/domain';
import { toInt } from '../../common/query-transforms';

export class NationalQuery {
  @ApiPropertyOptional({
    example: 2026,
    minimum: FIRST_CYCLE_YEAR,
    maximum: 2100,
    description: 'The cycle year (default: this year in Vietnam)',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'year must be an integer year' })
  @Min(FIRST_CYCLE_YEAR, { message: `year must be ${FIRST_CYCLE_YEAR} or later` })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year?: number;
}

export class StarCounts {
  @ApiProperty({ example: 12 }) three!: number;
  @ApiProperty({ example: 5 }) four!: number;
  @ApiProperty({ example: 1 }) five!: number;
}

export class NationalProvinceResponse {
  @ApiProperty({ example: '14', description: 'lao-cai (the 2021 plan’s Lào Cai) or a GSO code of the 2025 map' })
  provinceCode!: string;
  @ApiProperty({ example: 'Tỉnh Sơn La' }) name!: string;
  @ApiProperty({ example: 'Son La province' }) nameEn!: string;
  @ApiPropertyOptional({
    example: 'QD1048-2019',
    nullable: true,
    description: 'The rule set of the province’s cycle that year; null: no cycle opened',
  })
  ruleSet!: string | null;
  @ApiProperty({ example: 40, description: 'Products of the year’s cycle (every stage)' }) products!: number;
  @ApiProperty({ type: StarCounts, description: 'Certificates of the year in force, by stars' }) stars!: StarCounts;
  @ApiProperty({ example: 18, description: 'Certificates of the year in force' }) certified!: number;
  @ApiPropertyOptional({ example: 30, nullable: true, description: 'The cycle’s target of new certified products (null: none)' })
  target!: number | null;
  @ApiProperty({ example: 2, description: 'Nominees awaiting the central council' }) nominees!: number;
}

export class NomineeResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ example: 'Chè Shan tuyết Mộc Châu' }) name!: string;
  @ApiProperty({ example: '14' }) provinceCode!: string;
  @ApiProperty({ example: 'Tỉnh Sơn La' }) provinceName!: string;
  @ApiProperty({ example: '123' }) districtCode!: string;
  @ApiPropertyOptional({ example: 'HTX Chè Mộc Châu', nullable: true }) organisationName!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, description: 'The central session it is entered in, if any' })
  sessionId!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Since when (its last step)' }) since!: string;
}

export class ExpiringCertificateResponse {
  @ApiProperty({ example: 'SL14-2024-0003' }) certificateNo!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ example: 'Chè Shan tuyết Mộc Châu' }) productName!: string;
  @ApiProperty({ example: '14' }) provinceCode!: string;
  @ApiProperty({ example: 'Tỉnh Sơn La' }) provinceName!: string;
  @ApiProperty({ example: 4 }) stars!: number;
  @ApiProperty({ example: 'valid' }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class NationalOverviewResponse {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ format: 'date-time', description: 'When the numbers were read' }) asOf!: string;
  @ApiProperty({ type: [NationalProvinceResponse], description: 'Provinces with a cycle, products or certificates that year' })
  provinces!: NationalProvinceResponse[];
  @ApiProperty({ type: NationalProvinceResponse, description: 'The nation: the provinces added up (provinceCode vn)' })
  total!: NationalProvinceResponse;
  @ApiProperty({ type: [NomineeResponse], description: 'Nominees awaiting the central council (first 200)' })
  nominees!: NomineeResponse[];
  @ApiProperty({ example: 2 }) nomineesTotal!: number;
  @ApiProperty({
    type: [ExpiringCertificateResponse],
    description: 'Certificates in force expiring in the next 90 days, earliest first (first 200)',
  })
  expiring!: ExpiringCertificateResponse[];
  @ApiProperty({ example: 0 }) expiringTotal!: number;
  @ApiProperty({ example: 90 }) expiringWithinDays!: number;
}
