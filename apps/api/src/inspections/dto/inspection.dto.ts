import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const INSPECTION_STATUSES = ['requested', 'passed', 'failed', 'overdue', 'revoked'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export class ListInspectionsQuery {
  @ApiPropertyOptional({ enum: INSPECTION_STATUSES, example: 'requested' })
  @IsOptional()
  @IsIn(INSPECTION_STATUSES, { message: `status must be one of ${INSPECTION_STATUSES.join(', ')}` })
  status?: InspectionStatus;
}

export class InspectionReportDto {
  @ApiProperty({
    enum: ['pass', 'fail'],
    example: 'pass',
    description: 'A fail gives the producer 30 days of remediation, then a re-inspection; a second fail revokes the certificate',
  })
  @IsIn(['pass', 'fail'], { message: 'verdict must be pass or fail' })
  verdict!: 'pass' | 'fail';

  @ApiPropertyOptional({ example: 'Nhãn mác đúng quy định; cơ sở sản xuất đảm bảo vệ sinh.', maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'notes must be a string' })
  @MaxLength(2000, { message: 'notes must be at most 2000 characters' })
  @Matches(/^[^\u0000]*$/, { message: 'notes must not contain NUL characters' })
  notes?: string;
}

export class InspectionResponse {
  @ApiProperty({ example: 'LC-2027-0001' })
  certificateNo!: string;

  @ApiProperty({ example: 1, description: 'The yearly round (1 at 12 months, 2 at 24 months)' })
  round!: number;

  @ApiProperty({ example: 'inspector:lao-cai', nullable: true, type: String })
  inspectorId!: string | null;

  @ApiProperty({ format: 'uuid', example: '0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01' })
  productId!: string;

  @ApiProperty({ example: 'Rượu mận Bắc Hà', nullable: true, type: String })
  productName!: string | null;

  @ApiProperty({ format: 'uuid', example: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001' })
  organisationId!: string;

  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 4, nullable: true, type: Number })
  stars!: number | null;

  @ApiProperty({ example: 'valid', nullable: true, type: String, description: 'The certificate’s status' })
  certificateStatus!: string | null;

  @ApiProperty({ enum: INSPECTION_STATUSES, example: 'requested' })
  status!: string;

  @ApiProperty({ example: '2028-07-01T00:00:00.000Z', description: 'When the inspection falls due' })
  dueAt!: string;

  @ApiProperty({ example: '2028-07-31T00:00:00.000Z', description: 'The inspector’s report is due by then' })
  reportDueAt!: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'After a fail: remediation (and the re-inspection report) due by then',
  })
  remediationDueAt!: string | null;

  @ApiProperty({ enum: ['pass', 'fail'], example: null, nullable: true, type: String })
  verdict!: string | null;

  @ApiProperty({ enum: ['pass', 'fail'], example: null, nullable: true, type: String })
  reInspectionVerdict!: string | null;

  @ApiProperty({ example: '2028-07-01T00:00:00.000Z' })
  requestedAt!: string;
}

export class InspectionReportResponse {
  @ApiProperty({ example: 'LC-2027-0001' })
  certificateNo!: string;

  @ApiProperty({
    enum: ['valid', 'remediation', 'revoked', 'expired', 'superseded'],
    example: 'valid',
    description: 'The certificate’s status after the report',
  })
  certificateStatus!: string;

  @ApiPropertyOptional({
    enum: ['inspection_report', 're_inspection_report'],
    description: 'What the inspector is expected to do next (after a fail: the re-inspection report)',
  })
  awaiting?: string;

  @ApiProperty({ type: InspectionResponse, nullable: true, description: 'The round the report was for, as the read model holds it now' })
  inspection!: InspectionResponse | null;
}
