import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
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
import { Call, type CallContext } from '../common/call-context';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
import { CreateSessionDto, ListSessionsQuery } from './dto/create-session.dto';
import { CloseSessionDto, EnterProductDto, SubmitScorecardDto } from './dto/session-actions.dto';
import {
  ScorecardResultResponse,
  SessionDetailResponse,
  SessionProductResponse,
  SessionResponse,
  SessionStateResponse,
} from './dto/session.response';
import { SessionsService } from './sessions.service';

const IDEMPOTENCY = {
  name: IDEMPOTENCY_HEADER,
  required: false,
  description: 'Retries with the same key and body return the first response and run the step once.',
} as const;

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Access('sessions.open')
  @ApiOperation({
    summary: 'Mở phiên họp hội đồng đánh giá / Open a council evaluation session',
    description:
      'Members must be active council_member users (3–15), the chair one of them; the level must be a scoring level of the cycle’s rule set (the cycle’s own, else the one in force that year). Starts the session workflow and answers once the session is in the read model.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description:
      'A field breaks a rule (each is named): members not council members, chair not a member, date not in the future, a level without a council under the rule set, …',
  })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorBody,
    description: 'Unknown district (UNKNOWN_DISTRICT) or an implausible cycle year (CYCLE_YEAR_OUT_OF_RANGE)',
  })
  create(@Body() dto: CreateSessionDto, @Call() call: CallContext): Promise<SessionResponse> {
    return this.sessions.create(dto, call);
  }

  @Get()
  @Access('sessions.list')
  @ApiOperation({
    summary: 'Danh sách phiên họp hội đồng / List council sessions',
    description: 'Within the caller’s scope, newest session date first; filter by cycleYear, level, status.',
  })
  @ApiOkResponse({ type: [SessionResponse] })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListSessionsQuery, @CurrentUser() user: AuthUser): Promise<SessionResponse[]> {
    return this.sessions.list(user, query);
  }

  @Get(':id')
  @Access('sessions.detail')
  @ApiOperation({
    summary:
      'Chi tiết phiên họp / A council session: read model and live state (entered products, scorecards, members who must revise, results)',
  })
  @ApiOkResponse({ type: SessionDetailResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  detail(@Param('id') id: string): Promise<SessionDetailResponse> {
    return this.sessions.detail(id);
  }

  @Get(':id/products')
  @Access('sessions.products')
  @ApiOperation({
    summary: 'Sản phẩm của phiên họp / The products entered in a session, with what a member needs to score them',
    description:
      'Name, group, district, producer, the dossier’s self-assessment and evidence, and this session’s scorecards for each product.',
  })
  @ApiOkResponse({ type: [SessionProductResponse] })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  products(@Param('id') id: string): Promise<SessionProductResponse[]> {
    return this.sessions.products(id);
  }

  @Post(':id/products')
  @HttpCode(HttpStatus.OK)
  @Access('sessions.enterProduct')
  @ApiOperation({
    summary: 'Đưa sản phẩm vào phiên họp / Enter a product in a session',
    description:
      'The product must be of the session’s area and cycle and waiting for a session at its level; entries close 2 working days before the session (DEADLINE_PASSED).',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: SessionStateResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such session, or no such product in the session’s cycle' })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'WRONG_STAGE (not waiting for this level, or already entered), DEADLINE_PASSED, SESSION_CLOSED',
  })
  enterProduct(@Param('id') id: string, @Body() dto: EnterProductDto, @Call() call: CallContext): Promise<SessionStateResponse> {
    return this.sessions.enterProduct(id, dto, call);
  }

  @Post(':id/scorecards')
  @HttpCode(HttpStatus.OK)
  @Access('sessions.submitScorecard')
  @ApiOperation({
    summary: 'Chấm điểm sản phẩm / Submit or revise your scorecard for a product',
    description:
      'Part scores within the rule set’s maxima. The answer says whether your total lies more than 10 points from another member’s (spread.exceeded) and whether the session asks you to revise (spread.mustRevise).',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: ScorecardResultResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'A field breaks a rule, or SCORE_OUT_OF_RANGE naming the part' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'SESSION_CLOSED' })
  submitScorecard(@Param('id') id: string, @Body() dto: SubmitScorecardDto, @Call() call: CallContext): Promise<ScorecardResultResponse> {
    return this.sessions.submitScorecard(id, dto, call);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @Access('sessions.close')
  @ApiOperation({
    summary: 'Kết thúc phiên họp / Close a session',
    description:
      'Needs a quorum (≥ 3/4 of the members present, the chair among them) and no product whose totals spread over 10 points; each product then gets its result.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: SessionStateResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'NO_QUORUM, SPREAD_EXCEEDED, SESSION_CLOSED' })
  close(@Param('id') id: string, @Body() dto: CloseSessionDto, @Call() call: CallContext): Promise<SessionStateResponse> {
    return this.sessions.close(id, dto, call);
  }
}
