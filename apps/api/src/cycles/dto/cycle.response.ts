import { ApiProperty } from '@nestjs/swagger';

export class CycleCalendarResponse {
  @ApiProperty({ example: '2027-03-31T17:00:00.000Z' })
  ideaWindowClosesAt!: string;

  @ApiProperty({ example: '2027-04-30T17:00:00.000Z' })
  businessPlanDueAt!: string;

  @ApiProperty({ example: '2027-05-31T17:00:00.000Z' })
  dossierDueAt!: string;

  @ApiProperty({ example: '2027-07-31T17:00:00.000Z' })
  districtSessionsCloseAt!: string;

  @ApiProperty({ example: '2027-09-30T17:00:00.000Z' })
  provincialSessionsCloseAt!: string;

  @ApiProperty({ example: '2027-10-31T17:00:00.000Z' })
  certificationAt!: string;

  @ApiProperty({ example: 21 })
  labTurnaroundDays!: number;

  @ApiProperty({ example: 30 })
  inspectionReportDays!: number;
}

export class CycleTargetsResponse {
  @ApiProperty({ example: 30 })
  newCertifiedProducts!: number;

  @ApiProperty({ example: 12 })
  organisationsConsolidated!: number;

  @ApiProperty({ example: 7 })
  newOrganisations!: number;
}

export class CycleResponse {
  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 2027 })
  year!: number;

  @ApiProperty({ example: 'QD1489-2025' })
  ruleSet!: string;

  @ApiProperty({ type: CycleCalendarResponse })
  calendar!: CycleCalendarResponse;

  @ApiProperty({ type: CycleTargetsResponse })
  targets!: CycleTargetsResponse;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description: 'A rule "day" in ms when compressed for a demo; null = a real day',
  })
  dayLengthMs!: number | null;

  @ApiProperty({ example: 'open' })
  status!: string;

  @ApiProperty({ example: 'provincial_coordinator:7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0002' })
  openedBy!: string;

  @ApiProperty({ example: '2027-01-05T02:00:00.000Z' })
  openedAt!: string;

  @ApiProperty({ example: 'cycle:lao-cai:2027' })
  workflowId!: string;

  @ApiProperty({ example: '2027-01-05T02:00:00.000Z' })
  updatedAt!: string;
}

export class LiveCycleProgressResponse {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { awaiting_idea_review: 12, certified: 3 } })
  byStage!: Record<string, number>;

  @ApiProperty({ example: 3 })
  certified!: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { '3': 2, '4': 1 } })
  starsDistribution!: Record<string, number>;

  @ApiProperty({ type: CycleCalendarResponse })
  calendar!: CycleCalendarResponse;

  @ApiProperty({ example: { newCertifiedProducts: false } })
  targetMet!: { newCertifiedProducts: boolean };
}

export class CycleDetailResponse extends CycleResponse {
  @ApiProperty({
    type: LiveCycleProgressResponse,
    nullable: true,
    description:
      'Live state: products by stage, certified and by stars from the read models; the calendar from the annual cycle workflow (a query); null when Temporal cannot answer',
  })
  live!: LiveCycleProgressResponse | null;
}
