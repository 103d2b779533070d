import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
import { LabRequestResponse, LabResultsResponse, ListLabRequestsQuery, SubmitLabResultsDto } from './dto/lab-request.dto';
import { LabRequestsService } from './lab-requests.service';

const ID_PARAM = {
  name: 'id',
  description: 'The request id as it is (colons are allowed in a path; no encoding needed)',
  example: 'product:0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01:2027:lab:1',
} as const;

@ApiTags('lab-requests')
@Controller('lab-requests')
export class LabRequestsController {
  constructor(private readonly labRequests: LabRequestsService) {}

  @Get()
  @Access('labRequests.list')
  @ApiOperation({ summary: 'Yêu cầu kiểm nghiệm / Lab test requests', description: 'Open requests first, by due date; filter by status.' })
  @ApiOkResponse({ type: [LabRequestResponse] })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListLabRequestsQuery, @CurrentUser() user: AuthUser): Promise<LabRequestResponse[]> {
    return this.labRequests.list(user, query);
  }

  @Get(':id')
  @Access('labRequests.detail')
  @ApiOperation({ summary: 'Chi tiết yêu cầu kiểm nghiệm / A lab test request' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: LabRequestResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  detail(@Param('id') id: string): Promise<LabRequestResponse> {
    return this.labRequests.detail(id);
  }

  @Post(':id/results')
  @HttpCode(HttpStatus.OK)
  @Access('labRequests.submitResults')
  @ApiOperation({
    summary: 'Gửi kết quả kiểm nghiệm / Submit a lab test’s results',
    description:
      'By the due date (else DEADLINE_PASSED). Any failed indicator fails the test: a first failure requests one retest, a second fails the product.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: 'Retries with the same key and body return the first response and submit once.',
  })
  @ApiOkResponse({ type: LabResultsResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'WRONG_STAGE (results already in, or not the current request), DEADLINE_PASSED' })
  submitResults(@Param('id') id: string, @Body() dto: SubmitLabResultsDto, @Call() call: CallContext): Promise<LabResultsResponse> {
    return this.labRequests.submitResults(id, dto, call);
  }
}
