import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { CreateCycleDto, CycleProgressQuery, MoveDateDto } from './dto/create-cycle.dto';
import { CycleProgressResponse } from './dto/cycle-progress.response';
import { CycleDetailResponse, CycleResponse } from './dto/cycle.response';
import { CyclesService } from './cycles.service';

const parseYear = (value: string): number => {
  if (!/^\d{4}$/.test(value)) throw fieldRuleViolation('year', 'isYear', 'year must be a four-digit year');
  return Number(value);
};

@ApiTags('cycles')
@Controller('cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Access('cycles.open')
  @ApiOperation({
    summary: 'Mở chu kỳ OCOP của tỉnh cho một năm / Open a province’s OCOP cycle for a year',
    description: 'Starts the annual cycle workflow (calendar, targets, reminders) and returns once CycleOpened is in the read model.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: 'A retry with the same key and body returns the first response and starts nothing new.',
  })
  @ApiCreatedResponse({ type: CycleResponse })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'A field breaks a rule (unknown province, windows out of order, …); each is named.',
  })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'ALREADY_EXISTS: the province already has a cycle for the year.' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorBody, description: 'CYCLE_YEAR_OUT_OF_RANGE (more than a year ahead).' })
  create(@Body() dto: CreateCycleDto, @Call() call: CallContext): Promise<CycleResponse> {
    return this.cycles.create(dto, call);
  }

  @Get()
  @Access('cycles.list')
  @ApiOperation({ summary: 'Danh sách chu kỳ / List cycles (of the caller’s province)' })
  @ApiQuery({ name: 'year', required: false, example: 2027 })
  @ApiOkResponse({ type: [CycleResponse] })
  list(@CurrentUser() user: AuthUser, @Query('year') year?: string): Promise<CycleResponse[]> {
    return this.cycles.list(user, year === undefined ? undefined : parseYear(year));
  }

  @Get(':province/:year')
  @Access('cycles.detail')
  @ApiOperation({ summary: 'Chu kỳ: lịch, chỉ tiêu và tiến độ trực tiếp / A cycle: calendar, targets and the workflow’s live progress' })
  @ApiOkResponse({ type: CycleDetailResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  detail(@Param('province') province: string, @Param('year') year: string): Promise<CycleDetailResponse> {
    return this.cycles.detail(province, parseYear(year));
  }

  @Get(':province/:year/progress')
  @Access('cycles.progress')
  @ApiOperation({
    summary: 'Tiến độ chu kỳ cho điều phối viên / Cycle progress for coordinators',
    description:
      'From the read models: products by stage × district × product group, stars of certified products, targets vs actual, items overdue now and deadlines in the next 14 days, each linking to its resource. With asOf=yyyy-mm-dd: the same numbers as the cycle stood at the end of that Vietnam-local day (overdue and upcoming judged then), replayed from the event log.',
  })
  @ApiOkResponse({ type: CycleProgressResponse })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description:
      'A filter names a district outside the province or a product group outside the rule set; asOf is not a date, is after today or before the cycle was opened.',
  })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  progress(
    @Param('province') province: string,
    @Param('year') year: string,
    @Query() query: CycleProgressQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<CycleProgressResponse> {
    return this.cycles.progress(province, parseYear(year), query, user);
  }

  @Post(':province/:year/dates')
  @HttpCode(HttpStatus.OK)
  @Access('cycles.moveDate')
  @ApiOperation({
    summary: 'Dời một mốc thời gian của chu kỳ / Move a window of the cycle’s calendar',
    description: 'The workflow validates it (not in the past, windows in order) and running journeys take the new date at once.',
  })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false, description: 'A retry with the same key runs the update once.' })
  @ApiOkResponse({ type: CycleResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'DATE_IN_PAST, WINDOWS_OUT_OF_ORDER.' })
  moveDate(
    @Param('province') province: string,
    @Param('year') year: string,
    @Body() dto: MoveDateDto,
    @Call() call: CallContext,
  ): Promise<CycleResponse> {
    return this.cycles.moveDate(province, parseYear(year), dto, call);
  }
}
