import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { IDEMPOTENCY_HEADER, type IdempotentRequest } from '../common/idempotency.interceptor';
import { InspectionReportDto, InspectionReportResponse, InspectionResponse, ListInspectionsQuery } from './dto/inspection.dto';
import { InspectionsService } from './inspections.service';

@ApiTags('inspections')
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Get()
  @Access({ roles: ['inspector', 'admin'], rule: 'inspector: the inspections assigned to its agency; admin: all' })
  @ApiOperation({ summary: 'Kiểm tra, giám sát sau chứng nhận / Post-certification inspections', description: 'One row per certificate and yearly round; open ones first, by report due date; filter by status.' })
  @ApiOkResponse({ type: [InspectionResponse] })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListInspectionsQuery, @CurrentUser() user: AuthUser): Promise<InspectionResponse[]> {
    return this.inspections.list(user, query);
  }

  @Post(':certificateNo/report')
  @HttpCode(HttpStatus.OK)
  @Access({
    roles: ['inspector', 'admin'],
    resource: { kind: 'inspection', params: ['certificateNo'] },
    rule: 'the inspection agency assigned to the certificate (the lifecycle accepts reports from that agency only), or admin',
  })
  @ApiOperation({
    summary: 'Gửi báo cáo kiểm tra / Submit an inspection (or re-inspection) report',
    description: 'Only while a report is awaited. A fail starts 30 days of remediation and a re-inspection; failing that revokes the certificate.',
  })
  @ApiParam({ name: 'certificateNo', example: 'LC-2027-0001' })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false, description: 'Retries with the same key and body return the first response and report once.' })
  @ApiOkResponse({ type: InspectionReportResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such certificate' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'WRONG_STAGE: no report is awaited' })
  report(@Param('certificateNo') certificateNo: string, @Body() dto: InspectionReportDto, @CurrentUser() user: AuthUser, @Req() request: IdempotentRequest): Promise<InspectionReportResponse> {
    return this.inspections.report(certificateNo, dto, user, request);
  }
}
