import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { IDEMPOTENCY_HEADER, type IdempotentRequest } from '../common/idempotency.interceptor';
import { CreateSessionDto, ListSessionsQuery } from './dto/create-session.dto';
import { CloseSessionDto, EnterProductDto, SubmitScorecardDto } from './dto/session-actions.dto';
import { ScorecardResultResponse, SessionDetailResponse, SessionProductResponse, SessionResponse, SessionStateResponse } from './dto/session.response';
import { SessionsService } from './sessions.service';

const SESSION = { kind: 'session', params: ['id'] } as const;
const IDEMPOTENCY = { name: IDEMPOTENCY_HEADER, required: false, description: 'Retries with the same key and body return the first response and run the step once.' } as const;

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Access({
    roles: ['district_coordinator', 'provincial_coordinator', 'admin'],
    rule: 'district coordinator: a district session of its own district; provincial coordinator: a province session of its province or a district session within it; admin: any session (central sessions: admin only)',
  })
  @ApiOperation({
    summary: 'Mở phiên họp hội đồng đánh giá / Open a council evaluation session',
    description:
      'Members must be active council_member users (3–15), the chair one of them; the level must be a scoring level of the cycle’s rule set (the cycle’s own, else the one in force that year). Starts the session workflow and answers once the session is in the read model.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'A field breaks a rule (each is named): members not council members, chair not a member, date not in the future, a level without a council under the rule set, …' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorBody, description: 'Unknown district (UNKNOWN_DISTRICT) or an implausible cycle year (CYCLE_YEAR_OUT_OF_RANGE)' })
  create(@Body() dto: CreateSessionDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<SessionResponse> {
    return this.sessions.create(dto, user, request);
  }

  @Get()
  @Access({
    roles: ['council_member', 'district_coordinator', 'provincial_coordinator', 'admin'],
    rule: 'council member: the sessions it sits on; district coordinator: district sessions of its district; provincial coordinator: the sessions of its province; admin: all',
  })
  @ApiOperation({ summary: 'Danh sách phiên họp hội đồng / List council sessions', description: 'Within the caller’s scope, newest session date first; filter by cycleYear, level, status.' })
  @ApiOkResponse({ type: [SessionResponse] })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListSessionsQuery, @CurrentUser() user: AuthUser): Promise<SessionResponse[]> {
    return this.sessions.list(user, query);
  }

  @Get(':id')
  @Access({
    roles: ['council_member', 'district_coordinator', 'provincial_coordinator', 'admin'],
    resource: SESSION,
    rule: 'a member of the session, a coordinator of its area (district coordinator: district sessions of its district; provincial: its province), or admin',
  })
  @ApiOperation({ summary: 'Chi tiết phiên họp / A council session: read model and live state (entered products, scorecards, members who must revise, results)' })
  @ApiOkResponse({ type: SessionDetailResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  detail(@Param('id') id: string): Promise<SessionDetailResponse> {
    return this.sessions.detail(id);
  }

  @Get(':id/products')
  @Access({
    roles: ['council_member', 'district_coordinator', 'provincial_coordinator', 'admin'],
    resource: SESSION,
    rule: 'a member of the session, a coordinator of its area, or admin',
  })
  @ApiOperation({
    summary: 'Sản phẩm của phiên họp / The products entered in a session, with what a member needs to score them',
    description: 'Name, group, district, producer, the dossier’s self-assessment and evidence, and this session’s scorecards for each product.',
  })
  @ApiOkResponse({ type: [SessionProductResponse] })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  products(@Param('id') id: string): Promise<SessionProductResponse[]> {
    return this.sessions.products(id);
  }

  @Post(':id/products')
  @HttpCode(HttpStatus.OK)
  @Access({
    roles: ['district_coordinator', 'provincial_coordinator', 'admin'],
    resource: SESSION,
    rule: 'a coordinator of the session’s area (the district coordinator of a district session’s district, the provincial coordinator of a province or central session’s province), or admin',
  })
  @ApiOperation({
    summary: 'Đưa sản phẩm vào phiên họp / Enter a product in a session',
    description: 'The product must be of the session’s area and cycle and waiting for a session at its level; entries close 2 working days before the session (DEADLINE_PASSED).',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: SessionStateResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such session, or no such product in the session’s cycle' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'WRONG_STAGE (not waiting for this level, or already entered), DEADLINE_PASSED, SESSION_CLOSED' })
  enterProduct(@Param('id') id: string, @Body() dto: EnterProductDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<SessionStateResponse> {
    return this.sessions.enterProduct(id, dto, user, request);
  }

  @Post(':id/scorecards')
  @HttpCode(HttpStatus.OK)
  @Access({
    roles: ['council_member', 'admin'],
    resource: SESSION,
    rule: 'a council member sitting on the session, for its own scorecard (submitting again revises it); an admin passes this check but is not on the council, so the session refuses it (NOT_A_MEMBER)',
  })
  @ApiOperation({
    summary: 'Chấm điểm sản phẩm / Submit or revise your scorecard for a product',
    description: 'Part scores within the rule set’s maxima. The answer says whether your total lies more than 10 points from another member’s (spread.exceeded) and whether the session asks you to revise (spread.mustRevise).',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ScorecardResultResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'A field breaks a rule, or SCORE_OUT_OF_RANGE naming the part' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'SESSION_CLOSED' })
  submitScorecard(@Param('id') id: string, @Body() dto: SubmitScorecardDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<ScorecardResultResponse> {
    return this.sessions.submitScorecard(id, dto, user, request);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @Access({
    roles: ['council_member', 'district_coordinator', 'provincial_coordinator', 'admin'],
    resource: SESSION,
    rule: 'the chair of the session, a coordinator of its area, or admin',
  })
  @ApiOperation({
    summary: 'Kết thúc phiên họp / Close a session',
    description: 'Needs a quorum (≥ 3/4 of the members present, the chair among them) and no product whose totals spread over 10 points; each product then gets its result.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: SessionStateResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'NO_QUORUM, SPREAD_EXCEEDED, SESSION_CLOSED' })
  close(@Param('id') id: string, @Body() dto: CloseSessionDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<SessionStateResponse> {
    return this.sessions.close(id, dto, user, request);
  }
}
