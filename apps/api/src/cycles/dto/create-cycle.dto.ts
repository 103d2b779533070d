import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CALENDAR_WINDOWS, type CalendarWindow } from '@ocop/contracts';
import { FIRST_CYCLE_YEAR, RULE_SET_CODES, type RuleSetCode } from '@ocop/domain';
import { toInt } from '../../common/query-transforms';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO = { strict: true, strictSeparator: true } as const;

/** Overrides of the year's default calendar (ISO instants; 17:00Z is the end of the local day in Vietnam). */
export class CalendarOverridesDto {
  @ApiPropertyOptional({ example: '2027-03-31T17:00:00.000Z', description: 'Hạn đăng ký ý tưởng / ideas close' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'calendar.ideaWindowClosesAt must be an ISO 8601 date' })
  ideaWindowClosesAt?: string;

  @ApiPropertyOptional({ example: '2027-04-30T17:00:00.000Z', description: 'Hạn nộp phương án kinh doanh / business plans due' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'calendar.businessPlanDueAt must be an ISO 8601 date' })
  businessPlanDueAt?: string;

  @ApiPropertyOptional({ example: '2027-05-31T17:00:00.000Z', description: 'Hạn nộp hồ sơ / dossiers due' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'calendar.dossierDueAt must be an ISO 8601 date' })
  dossierDueAt?: string;

  @ApiPropertyOptional({ example: '2027-07-31T17:00:00.000Z', description: 'Kết thúc đánh giá cấp huyện / district sessions close' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'calendar.districtSessionsCloseAt must be an ISO 8601 date' })
  districtSessionsCloseAt?: string;

  @ApiPropertyOptional({ example: '2027-09-30T17:00:00.000Z', description: 'Kết thúc đánh giá cấp tỉnh / provincial sessions close' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'calendar.provincialSessionsCloseAt must be an ISO 8601 date' })
  provincialSessionsCloseAt?: string;

  @ApiPropertyOptional({ example: '2027-10-31T17:00:00.000Z', description: 'Trao chứng nhận / certification' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'calendar.certificationAt must be an ISO 8601 date' })
  certificationAt?: string;

  @ApiPropertyOptional({ example: 21, minimum: 1, maximum: 365, description: 'Days the lab has for its results' })
  @IsOptional()
  @IsInt({ message: 'calendar.labTurnaroundDays must be an integer' })
  @Min(1)
  @Max(365)
  labTurnaroundDays?: number;

  @ApiPropertyOptional({ example: 30, minimum: 1, maximum: 365, description: 'Days an inspector has for a report' })
  @IsOptional()
  @IsInt({ message: 'calendar.inspectionReportDays must be an integer' })
  @Min(1)
  @Max(365)
  inspectionReportDays?: number;
}

export class CycleTargetsDto {
  @ApiProperty({ example: 30, minimum: 0, description: 'Sản phẩm OCOP mới được công nhận / new certified products' })
  @IsInt({ message: 'targets.newCertifiedProducts must be an integer' })
  @Min(0)
  @Max(100000)
  newCertifiedProducts!: number;

  @ApiProperty({ example: 12, minimum: 0, description: 'Tổ chức kinh tế được củng cố / organisations consolidated' })
  @IsInt({ message: 'targets.organisationsConsolidated must be an integer' })
  @Min(0)
  @Max(100000)
  organisationsConsolidated!: number;

  @ApiProperty({ example: 7, minimum: 0, description: 'Tổ chức kinh tế mới tham gia / new organisations joining' })
  @IsInt({ message: 'targets.newOrganisations must be an integer' })
  @Min(0)
  @Max(100000)
  newOrganisations!: number;
}

/** Open a province's OCOP cycle for a year (mở chu kỳ OCOP). */
export class CreateCycleDto {
  @ApiProperty({ example: 'lao-cai' })
  @Matches(CODE, { message: 'provinceCode must be a lower-case code such as lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 2027, minimum: FIRST_CYCLE_YEAR })
  @IsInt({ message: 'year must be an integer year' })
  @Min(FIRST_CYCLE_YEAR, { message: `year must be ${FIRST_CYCLE_YEAR} or later (OCOP began in ${FIRST_CYCLE_YEAR})` })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year!: number;

  @ApiPropertyOptional({ enum: RULE_SET_CODES, description: 'Default: the rule set in force for the year' })
  @IsOptional()
  @IsIn(RULE_SET_CODES, { message: `ruleSet must be one of ${RULE_SET_CODES.join(', ')}` })
  ruleSet?: RuleSetCode;

  @ApiPropertyOptional({
    type: CalendarOverridesDto,
    description: 'Changes to the default calendar of the year; the windows must stay in order',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CalendarOverridesDto)
  calendar?: CalendarOverridesDto;

  @ApiPropertyOptional({ type: CycleTargetsDto, description: 'Default: the Lào Cai 2021 plan’s 30/12/7 for Lào Cai 2021, else 0s' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CycleTargetsDto)
  targets?: CycleTargetsDto;

  @ApiPropertyOptional({
    example: 1000,
    minimum: 1,
    maximum: 86400000,
    description: 'Admin only: how long a rule "day" lasts (demos and simulations)',
  })
  @IsOptional()
  @IsInt({ message: 'dayLengthMs must be an integer' })
  @Min(1)
  @Max(86_400_000)
  dayLengthMs?: number;
}

/** Move one window of the calendar (dời mốc thời gian). */
export class MoveDateDto {
  @ApiProperty({ enum: CALENDAR_WINDOWS, example: 'dossierDueAt' })
  @IsIn(CALENDAR_WINDOWS, { message: `window must be one of ${CALENDAR_WINDOWS.join(', ')}` })
  window!: CalendarWindow;

  @ApiProperty({ example: '2027-06-15T17:00:00.000Z' })
  @IsISO8601(ISO, { message: 'newDate must be an ISO 8601 date' })
  newDate!: string;
}

export class CycleProgressQuery {
  @ApiPropertyOptional({ example: 'bac-ha', description: 'Only this district (a district coordinator always sees its own)' })
  @IsOptional()
  @Matches(CODE, { message: 'district must be a district code such as bac-ha' })
  district?: string;

  @ApiPropertyOptional({ example: 'do-uong' })
  @IsOptional()
  @Matches(CODE, { message: 'productGroup must be a product-group code such as do-uong' })
  productGroup?: string;

  @ApiPropertyOptional({
    example: 50,
    minimum: 1,
    maximum: 200,
    description: 'Items listed per deadline list (overdue, upcoming), earliest first; the totals count them all. Default 50.',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'items must be an integer' })
  @Min(1, { message: 'items must be at least 1' })
  @Max(200, { message: 'items must be at most 200' })
  items?: number;

  @ApiPropertyOptional({
    example: '2027-05-06',
    format: 'date',
    description:
      'The cycle as it stood at the end of this Vietnam-local day (yyyy-mm-dd), replayed from the event log; today: as it stands now. Not after today, not before the cycle was opened.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date yyyy-mm-dd' })
  asOf?: string;
}
