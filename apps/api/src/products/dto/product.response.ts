import { ApiProperty } from '@nestjs/swagger';

export class JourneyStateResponse {
  @ApiProperty({ example: 'awaiting_idea_review' })
  stage!: string;

  @ApiProperty({ example: true })
  ideaRecorded!: boolean;

  @ApiProperty({ example: 1 })
  lastEventSeq!: number;

  @ApiProperty({ example: '2021-03-01T08:00:00.000Z' })
  updatedAt!: string;
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

export class ProductDetailResponse extends ProductResponse {
  @ApiProperty({ type: JourneyStateResponse, nullable: true, description: 'Live state from the running workflow (a query); null if Temporal is unreachable' })
  live!: JourneyStateResponse | null;
}
