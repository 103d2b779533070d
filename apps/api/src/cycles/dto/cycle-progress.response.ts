import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OVERDUE_KINDS, UPCOMING_KINDS } from '../progress';

export class ProgressFiltersResponse {
  @ApiProperty({ type: String, nullable: true, example: 'bac-ha' })
  district!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  productGroup!: string | null;
}

export class StageTotalsResponse {
  @ApiProperty({ example: 42, description: 'Products of the cycle (within the filters)' })
  products!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { awaiting_idea_review: 10, dossier_due: 20, certified: 12 },
  })
  byStage!: Record<string, number>;
}

export class ProgressCellResponse {
  @ApiProperty({ example: 'awaiting_district_session' })
  stage!: string;

  @ApiProperty({ example: 'bac-ha' })
  districtCode!: string;

  @ApiProperty({ example: 'do-uong' })
  productGroup!: string;

  @ApiProperty({ example: 4 })
  products!: number;
}

export class TargetProgressResponse {
  @ApiProperty({ example: 30 })
  target!: number;

  @ApiProperty({ example: 12 })
  actual!: number;

  @ApiProperty({ example: false, description: 'actual ≥ target' })
  met!: boolean;

  @ApiProperty({ enum: ['met', 'missed', 'no_target'], description: 'A target of 0 is no target: neither met nor missed' })
  status!: 'met' | 'missed' | 'no_target';
}

export class TargetsProgressResponse {
  @ApiProperty({
    type: TargetProgressResponse,
    description: 'Certified products of the cycle whose certificate supersedes no earlier certificate',
  })
  newCertifiedProducts!: TargetProgressResponse;

  @ApiProperty({
    type: TargetProgressResponse,
    description: 'Organisations founded before the cycle year with ≥ 1 certified product in the cycle',
  })
  organisationsConsolidated!: TargetProgressResponse;

  @ApiProperty({
    type: TargetProgressResponse,
    description: 'Organisations of the province founded in the cycle year or the year before with ≥ 1 product in the cycle',
  })
  newOrganisations!: TargetProgressResponse;
}

export class DeadlineItemResponse {
  @ApiProperty({ enum: [...new Set([...OVERDUE_KINDS, ...UPCOMING_KINDS])], example: 'product_step' })
  kind!: string;

  @ApiProperty({ example: '2027-05-31T17:00:00.000Z' })
  dueAt!: string;

  @ApiProperty({ example: '/products/5b7e…', description: 'The API path of what the deadline concerns' })
  link!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  productId?: string;

  @ApiPropertyOptional({ example: 'Rượu mận Bắc Hà' })
  productName?: string;

  @ApiPropertyOptional({ example: 'dossier_due' })
  stage?: string;

  @ApiPropertyOptional({ example: 'product:5b7e…:2027:lab:1' })
  requestId?: string;

  @ApiPropertyOptional({ example: 'lab:lao-cai' })
  labId?: string;

  @ApiPropertyOptional({ example: 1 })
  attempt?: number;

  @ApiPropertyOptional({ example: 'LC-2027-0001' })
  certificateNo?: string;

  @ApiPropertyOptional({ example: 1 })
  round?: number;

  @ApiPropertyOptional({ example: 'inspector:lao-cai' })
  inspectorId?: string;

  @ApiPropertyOptional({ example: 'district-bac-ha-2027-1' })
  sessionId?: string;

  @ApiPropertyOptional({ example: 'district' })
  level?: string;

  @ApiPropertyOptional({ example: 'bac-ha' })
  areaCode?: string;

  @ApiPropertyOptional({ example: 'dossierDueAt', description: 'calendar_window: which window closes' })
  window?: string;

  @ApiPropertyOptional({ example: 'bac-ha' })
  districtCode?: string;

  @ApiPropertyOptional({ example: 'do-uong' })
  productGroup?: string;
}

export class OverdueResponse {
  @ApiProperty({ example: 3 })
  total!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { product_step: 2, lab_result: 1, inspection_report: 0 },
  })
  byKind!: Record<string, number>;

  @ApiProperty({ type: [DeadlineItemResponse], description: 'Earliest first, at most 200 (the totals count all)' })
  items!: DeadlineItemResponse[];
}

export class UpcomingResponse extends OverdueResponse {
  @ApiProperty({ example: 14 })
  days!: number;

  @ApiProperty({ example: '2027-05-20T08:00:00.000Z', description: 'The end of the window (exclusive)' })
  until!: string;
}

/** A province-year's progress for coordinators (tiến độ chu kỳ), from the read models only. */
export class AreaProgressResponse {
  @ApiProperty({ enum: ['commune', 'district'] })
  level!: 'commune' | 'district';

  @ApiProperty({
    type: String,
    nullable: true,
    example: '02890',
    description: 'GSO code (a commune), or the district code; null: none known',
  })
  code!: string | null;

  @ApiProperty({ example: 'Xã Bảo Nhai' })
  name!: string;

  @ApiProperty({ example: 4 })
  products!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { awaiting_commune_check: 2, awaiting_province_session: 2 },
  })
  byStage!: Record<string, number>;
}

export class CycleProgressResponse {
  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 2027 })
  year!: number;

  @ApiProperty({ example: 'QD1489-2025' })
  ruleSet!: string;

  @ApiProperty({ example: '2027-05-06T08:00:00.000Z', description: 'When “overdue” and “upcoming” were judged' })
  asOf!: string;

  @ApiPropertyOptional({
    example: '2027-05-06',
    description:
      'When a day was asked for (asOf): that Vietnam-local day. The numbers are the cycle as it stood at its end (now, for today), replayed from the event log',
  })
  asOfDate?: string;

  @ApiProperty({ type: ProgressFiltersResponse })
  filters!: ProgressFiltersResponse;

  @ApiProperty({ type: StageTotalsResponse })
  totals!: StageTotalsResponse;

  @ApiProperty({ type: [ProgressCellResponse], description: 'Products by stage × district × product group' })
  byStageDistrictGroup!: ProgressCellResponse[];

  @ApiProperty({
    enum: ['commune', 'district'],
    description: 'The cycle’s area level: commune on the 2025 map (cycles of 2026 on) and under QĐ 1489, else district',
  })
  areaLevel!: 'commune' | 'district';

  @ApiProperty({ type: [AreaProgressResponse], description: 'Products by area at the cycle’s area level, the most products first' })
  byArea!: AreaProgressResponse[];

  @ApiProperty({ example: 12, description: 'Certified products of the cycle' })
  certified!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { '3': 7, '4': 4, '5': 1 },
    description: 'Certified products by stars',
  })
  stars!: Record<string, number>;

  @ApiProperty({ type: TargetsProgressResponse })
  targets!: TargetsProgressResponse;

  @ApiProperty({
    type: OverdueResponse,
    description: 'Steps still awaited past their deadline: product steps, lab results, inspection reports',
  })
  overdue!: OverdueResponse;

  @ApiProperty({
    type: UpcomingResponse,
    description: 'Deadlines in the next 14 days: product steps, lab results, council sessions, calendar windows',
  })
  upcoming!: UpcomingResponse;
}
