import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SESSION_LEVELS } from '../session-rules';

const MEMBER = '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0011';
const PRODUCT = '0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01';
// Session and member ids are UUIDs when made through the API; sessions the simulator starts straight in Temporal
// carry `<run>-<level>-<area>` and members `cm-<n>`, so responses declare them as plain strings.
const SIM_NOTE = 'a UUID when made through the API (simulator runs use short names)';
const PARTS_EXAMPLE = { A: 30, B: 18, C: 26.5 };

export class CouncilMemberResponse {
  @ApiProperty({ example: MEMBER, description: SIM_NOTE })
  memberId!: string;

  @ApiProperty({ example: 'Nguyễn Văn An (Chủ tịch hội đồng)' })
  name!: string;
}

export class ScoringPartResponse {
  @ApiProperty({ example: 'A' })
  code!: string;

  @ApiProperty({ example: 'Sản phẩm và sức mạnh cộng đồng' })
  vi!: string;

  @ApiProperty({ example: 'Product and community strength' })
  en!: string;

  @ApiProperty({ example: 40, description: 'The part’s maximum score' })
  max!: number;
}

/** A session as the read model holds it. */
export class SessionResponse {
  @ApiProperty({ example: '5e1d7c2a-9b3f-5a10-8c4d-1f2e3a4b5c6d', description: SIM_NOTE })
  id!: string;

  @ApiProperty({ example: 'session:5e1d7c2a-9b3f-5a10-8c4d-1f2e3a4b5c6d' })
  workflowId!: string;

  @ApiProperty({ enum: SESSION_LEVELS, example: 'province' })
  level!: string;

  @ApiProperty({ example: 'lao-cai', description: 'District code, province code or `vn`' })
  areaCode!: string;

  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: 2027 })
  cycleYear!: number;

  @ApiProperty({ example: 'QD1489-2025', description: 'The cycle’s rule set (its parts and maxima are in scoringParts)' })
  ruleSet!: string;

  @ApiProperty({ type: [ScoringPartResponse] })
  scoringParts!: ScoringPartResponse[];

  @ApiProperty({ example: '2027-06-16T01:30:00.000Z' })
  sessionDate!: string;

  @ApiProperty({ enum: ['open', 'closed'], example: 'open' })
  status!: string;

  @ApiProperty({ example: MEMBER, nullable: true, type: String, description: SIM_NOTE })
  chairId!: string | null;

  @ApiProperty({ type: [CouncilMemberResponse] })
  members!: CouncilMemberResponse[];

  @ApiProperty({
    example: 'provincial_coordinator:7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0002',
    nullable: true,
    type: String,
    description: 'Who opened the session (role:userId)',
  })
  openedBy!: string | null;

  @ApiProperty({ example: 3 })
  productsEntered!: number;

  @ApiProperty({ example: 0 })
  productsScored!: number;

  @ApiProperty({ example: '2027-05-02T08:00:00.000Z' })
  updatedAt!: string;
}

export class EnteredProductResponse {
  @ApiProperty({ format: 'uuid', example: PRODUCT })
  productId!: string;

  @ApiProperty({ example: `product:${PRODUCT}:2027` })
  workflowId!: string;

  @ApiProperty({ example: 'Rượu mận Bắc Hà' })
  name!: string;
}

export class ScorecardResponse {
  @ApiProperty({ example: MEMBER, description: SIM_NOTE })
  memberId!: string;

  @ApiProperty({ format: 'uuid', example: PRODUCT })
  productId!: string;

  @ApiProperty({ type: Object, example: PARTS_EXAMPLE, description: 'Scores per part code' })
  parts!: Record<string, number>;

  @ApiProperty({ example: 74.5 })
  total!: number;

  @ApiProperty({ example: 1, description: '1 for the first scorecard, +1 for each revision' })
  revision!: number;
}

export class SessionResultResponse {
  @ApiProperty({ format: 'uuid', example: PRODUCT })
  productId!: string;

  @ApiProperty({
    enum: ['scored', 'missing'],
    example: 'scored',
    description: '`missing`: not enough scorecards; the product waits for the next session',
  })
  outcome!: string;

  @ApiPropertyOptional({ example: 74.17 })
  mean?: number;

  @ApiPropertyOptional({ example: 4 })
  stars?: number;
}

/** The session workflow's live state (sessionState query). */
export class SessionStateResponse {
  @ApiProperty({ enum: ['open', 'closed'], example: 'open' })
  status!: string;

  @ApiProperty({ type: [EnteredProductResponse] })
  products!: EnteredProductResponse[];

  @ApiProperty({ type: [ScorecardResponse] })
  scorecards!: ScorecardResponse[];

  @ApiProperty({
    type: Object,
    example: { [PRODUCT]: [MEMBER] },
    description: 'Per product, the members whose totals lie outside the allowed spread and must revise before the session can close',
  })
  mustRevise!: Record<string, string[]>;

  @ApiProperty({ type: [SessionResultResponse] })
  results!: SessionResultResponse[];

  @ApiProperty({ example: 5, description: 'Stream position of the session’s last recorded event' })
  lastEventSeq!: number;

  @ApiPropertyOptional({
    example: '2027-06-09T17:00:00.000Z',
    description: 'Members may score from this instant: 00:00 Vietnam time of the session’s day (before it, SESSION_NOT_STARTED)',
  })
  scoringOpensAt?: string;

  @ApiPropertyOptional({
    example: '2027-06-07T17:00:00.000Z',
    description: 'The last day dossiers may reach members: 2 working days before the session, by the holidays of its province',
  })
  latestDossierDate?: string;
}

export class SessionDetailResponse extends SessionResponse {
  @ApiProperty({ type: SessionStateResponse, nullable: true, description: 'The live workflow state; null while Temporal does not answer' })
  live!: SessionStateResponse | null;
}

export class DossierResponse {
  @ApiProperty({ type: Object, example: PARTS_EXAMPLE, description: 'The producer’s self-assessment per part' })
  selfAssessment!: Record<string, number>;

  @ApiProperty({ type: [String], example: ['https://files.example.vn/ho-so/ruou-man-bac-ha.pdf'] })
  evidence!: string[];

  @ApiProperty({ example: '2027-05-20T03:00:00.000Z' })
  submittedAt!: string;
}

export class MemberScorecardResponse extends ScorecardResponse {
  @ApiProperty({ example: 'Trần Thị Bình' })
  memberName!: string;
}

/** An entered product with what a council member needs to score it. */
export class SessionProductResponse {
  @ApiProperty({ format: 'uuid', example: PRODUCT })
  productId!: string;

  @ApiProperty({ example: `product:${PRODUCT}:2027` })
  workflowId!: string;

  @ApiProperty({ example: 'Rượu mận Bắc Hà' })
  name!: string;

  @ApiProperty({ example: 'do-uong', nullable: true, type: String })
  productGroup!: string | null;

  @ApiProperty({ example: 'Đồ uống', nullable: true, type: String })
  productGroupName!: string | null;

  @ApiProperty({ example: 'bac-ha', nullable: true, type: String })
  districtCode!: string | null;

  @ApiProperty({ example: 'Huyện Bắc Hà', nullable: true, type: String })
  districtName!: string | null;

  @ApiProperty({ format: 'uuid', example: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001', nullable: true, type: String })
  organisationId!: string | null;

  @ApiProperty({ example: 'HTX Nông nghiệp Bắc Hà', nullable: true, type: String })
  organisationName!: string | null;

  @ApiProperty({ example: 'awaiting_province_session', nullable: true, type: String })
  stage!: string | null;

  @ApiProperty({ example: '2027-05-28T02:00:00.000Z' })
  enteredAt!: string;

  @ApiProperty({ type: DossierResponse, nullable: true, description: 'The latest DossierSubmitted of the product’s journey' })
  dossier!: DossierResponse | null;

  @ApiProperty({
    type: [MemberScorecardResponse],
    description: 'This session’s scorecards for the product (the latest revision of each member)',
  })
  scorecards!: MemberScorecardResponse[];
}

export class SpreadWarningResponse {
  @ApiProperty({ example: 50, description: 'Your total for the product' })
  total!: number;

  @ApiProperty({ example: 2, description: 'How many other members have scored the product' })
  others!: number;

  @ApiProperty({ example: 24.5, description: 'The largest distance between your total and another member’s' })
  largestDifference!: number;

  @ApiProperty({ example: 10 })
  maxSpreadPoints!: number;

  @ApiProperty({ example: true, description: 'Your total is more than maxSpreadPoints from another member’s (chênh lệch quá 10 điểm)' })
  exceeded!: boolean;

  @ApiProperty({ example: true, description: 'The session names you among the members who must revise this product before it can close' })
  mustRevise!: boolean;
}

export class ScorecardResultResponse {
  @ApiProperty({ type: ScorecardResponse })
  scorecard!: ScorecardResponse;

  @ApiProperty({ type: SpreadWarningResponse })
  spread!: SpreadWarningResponse;

  @ApiProperty({ type: SessionStateResponse })
  session!: SessionStateResponse;
}
