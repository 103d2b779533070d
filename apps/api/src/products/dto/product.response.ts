import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class JourneyStateResponse {
  @ApiProperty({ example: 'awaiting_idea_review' })
  stage!: string;

  @ApiProperty({ example: true })
  ideaRecorded!: boolean;

  @ApiProperty({ example: 1 })
  lastEventSeq!: number;

  @ApiProperty({ example: '2021-03-01T08:00:00.000Z' })
  updatedAt!: string;

  @ApiPropertyOptional({ example: '2021-04-15T17:00:00.000Z', description: 'Deadline of the step being waited on' })
  dueAt?: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [
      {
        level: 'district',
        sessionId: '…',
        mean: 72.4,
        stars: 4,
        totals: [{ memberId: '…', total: 73 }],
        perPartMean: { A: 28, B: 18, C: 26.4 },
        outcome: 'forwarded',
      },
    ],
    description: 'Score results per level: per member totals, per part means, mean, stars, outcome',
  })
  results!: readonly object[];

  @ApiPropertyOptional({
    type: Object,
    example: { requestId: '…', attempt: 1, dueAt: '2021-07-10T17:00:00.000Z', results: [{ indicator: 'E. coli', passed: true }] },
  })
  lab?: object;

  @ApiPropertyOptional({ example: 4 })
  stars?: number;

  @ApiPropertyOptional({ example: 'LC-2021-0001' })
  certificateNo?: string;
}

export class ProductResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ example: 'Rượu mận Bắc Hà' })
  name!: string;

  @ApiProperty({ example: 'do-uong' })
  productGroup!: string;

  @ApiProperty({ example: 'lao-cai' })
  province!: string;

  @ApiProperty({ example: 'bac-ha' })
  district!: string;

  @ApiPropertyOptional({ example: '02890', description: 'Its organisation’s commune on the 2025 map (the area of a commune cycle)' })
  commune?: string;

  @ApiPropertyOptional({ example: 'Xã Bảo Nhai' })
  communeName?: string;

  @ApiPropertyOptional({ example: 'LC-2023-0001', description: 'The certificate this journey re-evaluates' })
  previousCertificateNo?: string;

  @ApiProperty({ example: 2021 })
  cycleYear!: number;

  @ApiProperty({ example: 'QD1048-2019' })
  ruleSet!: string;

  @ApiProperty({ example: 'awaiting_idea_review', description: 'Stage as last recorded in the read model' })
  stage!: string;

  @ApiProperty({ example: 'product:2f1a…:2021' })
  workflowId!: string;

  @ApiProperty({ example: '2021-03-01T08:00:00.000Z' })
  submittedAt!: string;
}

/** A product in lists: the read model's row. */
export class ProductSummaryResponse extends ProductResponse {
  @ApiPropertyOptional({ example: 'HTX Nông nghiệp Bắc Hà' })
  organisationName?: string;

  @ApiPropertyOptional({ example: 4, description: 'Stars once recognised' })
  stars?: number;

  @ApiPropertyOptional({ example: '2021-06-30T17:00:00.000Z', description: 'Deadline of the step being waited on' })
  dueAt?: string;

  @ApiProperty({ example: false, description: 'The current step is past its deadline' })
  overdue!: boolean;

  @ApiPropertyOptional({ example: 'LC-2021-0001' })
  certificateNo?: string;

  @ApiPropertyOptional({ example: 'session-…', description: 'The council session it is entered in' })
  sessionId?: string;

  @ApiPropertyOptional({ description: 'Why a terminal stage was reached' })
  reason?: string;

  @ApiProperty({ example: '2021-03-02T08:00:00.000Z' })
  updatedAt!: string;
}

export class ProductPageResponse {
  @ApiProperty({ type: [ProductSummaryResponse] })
  items!: ProductSummaryResponse[];

  @ApiPropertyOptional({ description: 'Pass as `cursor` (with the same filters and sort) for the next page; absent on the last page' })
  nextCursor?: string;

  @ApiProperty({ description: 'How many products match the filters, on every page' })
  total!: number;
}

export class ProductDetailResponse extends ProductSummaryResponse {
  @ApiProperty({
    type: JourneyStateResponse,
    nullable: true,
    description:
      'Live state from the running workflow (a query): score results per level (per member, per part, mean, stars), lab test, certificate; null if Temporal is unreachable',
  })
  live!: JourneyStateResponse | null;
}

export class TimelineActor {
  @ApiProperty({
    example: 'district_coordinator:7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0003',
    description: '`role:userId`, or `system:<part>` for the engine',
  })
  label!: string;

  @ApiProperty({ example: 'district_coordinator' })
  role!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  userId?: string;

  @ApiPropertyOptional({ example: 'Phòng NN&PTNT huyện Bắc Hà' })
  name?: string;
}

export class TimelineEntry {
  @ApiProperty({ example: 2, description: 'The entry’s place in the timeline (1, 2, …)' })
  seq!: number;

  @ApiProperty({
    example: 'product:…:2021',
    description: 'The stream the event is in: the journey’s, or a council session’s for a member’s scorecard',
  })
  streamId!: string;

  @ApiProperty({ example: 2, description: 'The event’s position in its stream' })
  streamSeq!: number;

  @ApiProperty({ example: 'IdeaAccepted' })
  type!: string;

  @ApiProperty({ example: '2021-03-05T02:00:00.000Z' })
  at!: string;

  @ApiProperty({ type: TimelineActor })
  actor!: TimelineActor;

  @ApiProperty({ type: Object, example: { stage: 'business_plan_due', dueAt: '2021-04-15T17:00:00.000Z' } })
  payload!: Record<string, unknown>;
}

export class TimelineResponse {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 2021 })
  cycleYear!: number;

  @ApiProperty({ example: 'product:…:2021' })
  workflowId!: string;

  @ApiProperty({ type: [TimelineEntry] })
  events!: TimelineEntry[];
}

/** A cycle the product went through before (a re-evaluated product: its certification, perhaps under the old map). */
export class EarlierCycleResponse {
  @ApiProperty({ example: 2023 })
  cycleYear!: number;

  @ApiProperty({ example: 'lao-cai' })
  province!: string;

  @ApiProperty({ example: 'product:…:2023' })
  workflowId!: string;

  @ApiProperty({
    type: [TimelineEntry],
    description: 'That journey’s events with its scorecards, then its certificate’s (inspections, supersession)',
  })
  events!: TimelineEntry[];
}

export class TimelineWithHistoryResponse extends TimelineResponse {
  @ApiProperty({
    type: [EarlierCycleResponse],
    description: 'The product’s journeys of other cycles, oldest first (empty unless it was re-evaluated): its whole history',
  })
  otherCycles!: EarlierCycleResponse[];
}
