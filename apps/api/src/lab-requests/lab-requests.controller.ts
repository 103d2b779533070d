import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { IDEMPOTENCY_HEADER, type IdempotentRequest } from '../common/idempotency.interceptor';
import { LabRequestResponse, LabResultsResponse, ListLabRequestsQuery, SubmitLabResultsDto } from './dto/lab-request.dto';
import { LabRequestsService } from './lab-requests.service';

const LAB_REQUEST = { kind: 'labRequest', params: ['id'] } as const;
const ID_PARAM = { name: 'id', description: 'The request id as it is (colons are allowed in a path; no encoding needed)', example: 'product:0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01:2027:lab:1' } as const;

@ApiTags('lab-requests')
@Controller('lab-requests')
export class LabRequestsController {
  constructor(private readonly labRequests: LabRequestsService) {}

  @Get()
  @Access({ roles: ['lab', 'admin'], rule: 'lab: the requests addressed to its agency; admin: all' })
  @ApiOperation({ summary: 'Yêu cầu kiểm nghiệm / Lab test requests', description: 'Open requests first, by due date; filter by status.' })
  @ApiOkResponse({ type: [LabRequestResponse] })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListLabRequestsQuery, @CurrentUser() user: AuthUser): Promise<LabRequestResponse[]> {
    return this.labRequests.list(user, query);
  }

  @Get(':id')
  @Access({ roles: ['lab', 'admin'], resource: LAB_REQUEST, rule: 'the lab the request is addressed to, or admin' })
  @ApiOperation({ summary: 'Chi tiết yêu cầu kiểm nghiệm / A lab test request' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: LabRequestResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  detail(@Param('id') id: string): Promise<LabRequestResponse> {
    return this.labRequests.detail(id);
  }

  @Post(':id/results')
  @HttpCode(HttpStatus.OK)
  @Access({ roles: ['lab', 'admin'], resource: LAB_REQUEST, rule: 'the lab the request is addressed to (the journey accepts results from that lab only), or admin' })
  @ApiOperation({
    summary: 'Gửi kết quả kiểm nghiệm / Submit a lab test’s results',
    description: 'By the due date (else DEADLINE_PASSED). Any failed indicator fails the test: a first failure requests one retest, a second fails the product.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false, description: 'Retries with the same key and body return the first response and submit once.' })
  @ApiOkResponse({ type: LabResultsResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'WRONG_STAGE (results already in, or not the current request), DEADLINE_PASSED' })
  submitResults(@Param('id') id: string, @Body() dto: SubmitLabResultsDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<LabResultsResponse> {
    return this.labRequests.submitResults(id, dto, user, request);
  }
}
