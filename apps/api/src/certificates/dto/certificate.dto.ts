import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CERTIFICATE_STATUSES } from '../certificate-status';
import { OffsetPageQuery, type PageSize } from '../../common/paging';
import { toInt } from '../../common/query-transforms';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Certificates per page. */
export const CERTIFICATE_PAGE: PageSize = { default: 50, max: 200 };

export class ListCertificatesQuery extends OffsetPageQuery(CERTIFICATE_PAGE) {
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
    description: 'words of the certificate number, the product or the producer; with or without Vietnamese diacritics, any case',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({ example: 2021 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'cycleYear must be an integer year' })
  @Min(2018)
  @Max(2100)
  cycleYear?: number;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES, description: 'The status as of now (a valid certificate past its expiry is expired)' })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES, { message: `status must be one of ${CERTIFICATE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ example: 4, minimum: 3, maximum: 5 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'stars must be an integer' })
  @Min(3, { message: 'stars must be 3, 4 or 5 (only 3★–5★ are certified)' })
  @Max(5, { message: 'stars must be 3, 4 or 5 (only 3★–5★ are certified)' })
  stars?: number;

  @ApiPropertyOptional({ example: 'bac-ha' })
  @IsOptional()
  @Matches(CODE, { message: 'district must be a district code such as bac-ha' })
  district?: string;
}

export class LocalisedLabel {
  @ApiProperty({ example: 'Còn hiệu lực' })
  vi!: string;

  @ApiProperty({ example: 'Valid' })
  en!: string;
}

export class CertificateResponse {
  @ApiProperty({ example: 'LC-2021-0001' })
  certificateNo!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'Rượu mận Tam hoa Bắc Hà' })
  productName!: string;

  @ApiProperty({ example: 'do-uong' })
  productGroup!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'HTX Nông nghiệp Bắc Hà' })
  producerName!: string | null;

  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 'bac-ha' })
  districtCode!: string;

  @ApiProperty({ type: Number, nullable: true, example: 2021 })
  cycleYear!: number | null;

  @ApiProperty({ example: 4, minimum: 3, maximum: 5 })
  stars!: number;

  @ApiProperty({ enum: CERTIFICATE_STATUSES, example: 'valid', description: 'As of now (a valid certificate past its expiry is expired)' })
  status!: string;

  @ApiProperty({ type: LocalisedLabel })
  statusLabel!: LocalisedLabel;

  @ApiProperty({ example: '2021-10-31T10:00:00.000Z' })
  issuedAt!: string;

  @ApiProperty({ example: '2024-10-31T10:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  supersedes!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  supersededBy!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  statusReason!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'inspector:lao-cai' })
  inspectorId!: string | null;
}

export class CertificatePageResponse {
  @ApiProperty({ type: [CertificateResponse] })
  items!: CertificateResponse[];

  @ApiProperty({ example: 15 })
  total!: number;
}

export class InspectionResponse {
  @ApiProperty({ example: 1 })
  round!: number;

  @ApiProperty({ type: String, nullable: true, example: 'inspector:lao-cai' })
  inspectorId!: string | null;

  @ApiProperty({ example: 'requested', enum: ['requested', 'passed', 'failed', 'overdue', 'revoked'] })
  status!: string;

  @ApiProperty({ example: '2022-10-31T10:00:00.000Z' })
  dueAt!: string;

  @ApiProperty({ example: '2022-11-30T10:00:00.000Z' })
  reportDueAt!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  remediationDueAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, enum: ['pass', 'fail'] })
  verdict!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, enum: ['pass', 'fail'] })
  reInspectionVerdict!: string | null;
}

export class LiveCertificateStateResponse {
  @ApiProperty({ example: 'valid' })
  status!: string;

  @ApiPropertyOptional({ example: 'inspection_report' })
  awaiting?: string;

  @ApiProperty({ example: 3 })
  lastEventSeq!: number;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  inspections!: object[];
}

export class CertificateDetailResponse extends CertificateResponse {
  @ApiProperty({ type: [InspectionResponse] })
  inspections!: InspectionResponse[];

  @ApiProperty({
    type: LiveCertificateStateResponse,
    nullable: true,
    description: 'Live state of the certificate’s lifecycle workflow (a query); null when Temporal cannot answer',
  })
  live!: LiveCertificateStateResponse | null;
}

export class PublicPlace {
  @ApiProperty({ example: 'bac-ha' })
  code!: string;

  @ApiProperty({ example: 'Huyện Bắc Hà' })
  name!: string;
}

/** What anyone may know about a certificate (the QR code's answer): nothing more. */
export class PublicCertificateResponse {
  @ApiProperty({ example: 'LC-2021-0001' })
  certificateNo!: string;

  @ApiProperty({ example: 'Rượu mận Tam hoa Bắc Hà' })
  productName!: string;

  @ApiProperty({ example: 'HTX Nông nghiệp Bắc Hà' })
  producerName!: string;

  @ApiProperty({ type: PublicPlace })
  district!: PublicPlace;

  @ApiProperty({ type: PublicPlace })
  province!: PublicPlace;

  @ApiProperty({ example: 4 })
  stars!: number;

  @ApiProperty({ example: '2021-10-31T10:00:00.000Z' })
  issuedAt!: string;

  @ApiProperty({ example: '2024-10-31T10:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ enum: CERTIFICATE_STATUSES, example: 'valid' })
  status!: string;

  @ApiProperty({ type: LocalisedLabel })
  statusLabel!: LocalisedLabel;
}
