import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** Text the event log can store (PostgreSQL jsonb refuses NUL). */
const NO_NUL = /^[^\u0000]*$/;

export const LAB_REQUEST_STATUSES = ['requested', 'passed', 'failed', 'overdue'] as const;
export type LabRequestStatus = (typeof LAB_REQUEST_STATUSES)[number];
const REQUEST_ID = 'product:0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01:2027:lab:1';

export class ListLabRequestsQuery {
  @ApiPropertyOptional({ enum: LAB_REQUEST_STATUSES, example: 'requested' })
  @IsOptional()
  @IsIn(LAB_REQUEST_STATUSES, { message: `status must be one of ${LAB_REQUEST_STATUSES.join(', ')}` })
  status?: LabRequestStatus;
}

/** One food-safety indicator the lab tested. */
export class LabIndicatorDto {
  @ApiProperty({ example: 'E. coli', maxLength: 200 })
  @IsString({ message: 'indicator must be a string' })
  @IsNotEmpty({ message: 'indicator must not be empty' })
  @MaxLength(200, { message: 'indicator must be at most 200 characters' })
  @Matches(NO_NUL, { message: 'indicator must not contain NUL characters' })
  indicator!: string;

  @ApiPropertyOptional({ example: '< 3 MPN/g', maxLength: 200, description: 'The measured value, as the lab reports it' })
  @IsOptional()
  @IsString({ message: 'value must be a string' })
  @MaxLength(200, { message: 'value must be at most 200 characters' })
  @Matches(NO_NUL, { message: 'value must not contain NUL characters' })
  value?: string;

  @ApiProperty({ example: true, description: 'Whether the value is within the limit' })
  @IsBoolean({ message: 'passed must be true or false' })
  passed!: boolean;
}

export class SubmitLabResultsDto {
  @ApiProperty({
    type: [LabIndicatorDto],
    minItems: 1,
    maxItems: 50,
    example: [
      { indicator: 'E. coli', value: '< 3 MPN/g', passed: true },
      { indicator: 'Methanol', value: '0.02 % v/v', passed: true },
    ],
    description: 'Every indicator tested; any `passed: false` fails the test (one retest is requested after a first failure)',
  })
  @IsArray({ message: 'indicators must be an array' })
  @ArrayMinSize(1, { message: 'indicators must list at least 1 indicator' })
  @ArrayMaxSize(50, { message: 'indicators must list at most 50 indicators' })
  @ValidateNested({ each: true })
  @Type(() => LabIndicatorDto)
  indicators!: LabIndicatorDto[];
}

export class LabIndicatorResponse {
  @ApiProperty({ example: 'E. coli' })
  indicator!: string;

  @ApiPropertyOptional({ example: '< 3 MPN/g' })
  value?: string;

  @ApiProperty({ example: true })
  passed!: boolean;
}

export class LabRequestResponse {
  @ApiProperty({ example: REQUEST_ID, description: 'The request id (URL-encode it in paths)' })
  requestId!: string;

  @ApiProperty({ format: 'uuid', example: '0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01' })
  productId!: string;

  @ApiProperty({ example: 'product:0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01:2027' })
  workflowId!: string;

  @ApiProperty({ example: 'Rượu mận Bắc Hà' })
  productName!: string;

  @ApiProperty({ example: 'do-uong' })
  productGroup!: string;

  @ApiProperty({ example: 2027 })
  cycleYear!: number;

  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 'bac-ha' })
  districtCode!: string;

  @ApiProperty({ example: 'lab:lao-cai', description: 'The lab the request is addressed to' })
  labId!: string;

  @ApiProperty({ example: 1, description: '1, or 2 for the retest after a failure' })
  attempt!: number;

  @ApiProperty({ enum: LAB_REQUEST_STATUSES, example: 'requested' })
  status!: string;

  @ApiProperty({ example: '2027-07-01T02:00:00.000Z' })
  requestedAt!: string;

  @ApiProperty({
    example: '2027-07-15T02:00:00.000Z',
    nullable: true,
    type: String,
    description: 'Results are due by then; late is a failure',
  })
  dueAt!: string | null;

  @ApiProperty({ type: [LabIndicatorResponse], nullable: true, description: 'On a pass every indicator; on a fail the failed ones' })
  results!: LabIndicatorResponse[] | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  decidedAt!: string | null;
}

export class LabResultsResponse {
  @ApiProperty({ type: LabRequestResponse, description: 'The request with its verdict' })
  request!: LabRequestResponse;

  @ApiProperty({
    example: 'awaiting_lab_test',
    description:
      'Where the product’s journey stood when the results were recorded (it forwards a passed product to the next level right after)',
  })
  productStage!: string;

  @ApiPropertyOptional({ type: LabRequestResponse, description: 'After a first failure: the retest requested from the lab' })
  retest?: LabRequestResponse;
}
