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
import { InspectionReportDto, InspectionReportResponse, InspectionResponse, ListInspectionsQuery } from './dto/inspection.dto';
import { InspectionsService } from './inspections.service';

@ApiTags('inspections')
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Get()
  @Access('inspections.list')
  @ApiOperation({
    summary: 'Kiểm tra, giám sát sau chứng nhận / Post-certification inspections',
    description: 'One row per certificate and yearly round; open ones first, by report due date; filter by status.',
  })
  @ApiOkResponse({ type: [InspectionResponse] })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListInspectionsQuery, @CurrentUser() user: AuthUser): Promise<InspectionResponse[]> {
    return this.inspections.list(user, query);
  }

  @Post(':certificateNo/report')
  @HttpCode(HttpStatus.OK)
  @Access('inspections.report')
  @ApiOperation({
    summary: 'Gửi báo cáo kiểm tra / Submit an inspection (or re-inspection) report',
    description:
      'Only while a report is awaited. A fail starts 30 days of remediation and a re-inspection; failing that revokes the certificate.',
  })
  @ApiParam({ name: 'certificateNo', example: 'LC-2027-0001' })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: 'Retries with the same key and body return the first response and report once.',
  })
  @ApiOkResponse({ type: InspectionReportResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such certificate' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'WRONG_STAGE: no report is awaited' })
  report(
    @Param('certificateNo') certificateNo: string,
    @Body() dto: InspectionReportDto,
    @Call() call: CallContext,
  ): Promise<InspectionReportResponse> {
    return this.inspections.report(certificateNo, dto, call);
  }
}
