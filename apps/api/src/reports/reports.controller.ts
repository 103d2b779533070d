import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { IDEMPOTENCY_HEADER } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { CycleProgressQuery } from '../cycles/dto/create-cycle.dto';
import { contentDisposition } from '../documents/storage/document-storage';
import { DecisionResponse, RecordDecisionDto } from './dto/decision.dto';
import { ReportsService } from './reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const parseYear = (value: string): number => {
  if (!/^\d{4}$/.test(value)) throw fieldRuleViolation('year', 'isYear', 'year must be a four-digit year');
  return Number(value);
};

const file = (response: Response, bytes: Buffer | string, type: string, name: string) => {
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Disposition', contentDisposition(name, 'attachment'));
  return new StreamableFile(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
};

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('cycles/:province/:year/progress/xlsx')
  @Access('reports.progress')
  @ApiOperation({
    summary: 'Báo cáo tiến độ (XLSX) / Cycle progress report as a workbook',
    description:
      'The numbers of GET …/progress (same filters, asOf included): totals by stage, stars, targets vs actual, the stage × district × group table, overdue items and the next 14 days. With asOf=yyyy-mm-dd: the cycle as it stood at the end of that Vietnam-local day, replayed from the event log.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'An XLSX workbook', schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  async progressXlsx(
    @Param('province') province: string,
    @Param('year') year: string,
    @Query() query: CycleProgressQuery,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    return file(
      response,
      await this.reports.progressXlsx(province, parseYear(year), query, user),
      XLSX,
      `tien-do-ocop-${province}-${year}${query.asOf ? `-ngay-${query.asOf}` : ''}.xlsx`,
    );
  }

  @Get('cycles/:province/:year/progress/csv')
  @Access('reports.progress')
  @ApiOperation({
    summary: 'Báo cáo tiến độ (CSV) / Cycle progress: the stage × district × group table as CSV (UTF-8)',
    description: 'With asOf=yyyy-mm-dd: as it stood at the end of that Vietnam-local day, replayed from the event log.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with BOM', schema: { type: 'string' } })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  async progressCsv(
    @Param('province') province: string,
    @Param('year') year: string,
    @Query() query: CycleProgressQuery,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    return file(
      response,
      await this.reports.progressCsv(province, parseYear(year), query, user),
      'text/csv; charset=utf-8',
      `tien-do-ocop-${province}-${year}${query.asOf ? `-ngay-${query.asOf}` : ''}.csv`,
    );
  }

  @Get('sessions/:id/minutes')
  @Access('reports.session')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'Biên bản phiên họp hội đồng (HTML in được) / The session’s minutes, printable',
    description:
      'Members present and the chair; each member’s scores per part and total per product; means, spread checks and outcomes. A draft while the session is open.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Printable HTML', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  minutes(@Param('id') id: string): Promise<string> {
    return this.reports.minutesHtml(id);
  }

  @Get('sessions/:id/minutes/pdf')
  @Access('reports.session')
  @ApiOperation({
    summary: 'Biên bản phiên họp hội đồng (PDF) / The session’s minutes as a PDF',
    description:
      'The same minutes as the printable HTML, as an A4 PDF in Vietnamese (fonts embedded): members and chair, each member’s scores per part and total per product, means, spread checks, outcomes, signatures. A draft while the session is open.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A PDF document', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  async minutesPdf(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    return file(response, await this.reports.minutesPdf(id), 'application/pdf', `bien-ban-${id}.pdf`);
  }

  @Get('sessions/:id/recognition-list')
  @Access('reports.session')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'Danh sách đề nghị công nhận (HTML in được) / Products proposed for recognition: the decision’s annex',
    description: 'Product, producer, district, group, mean, stars; best first.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Printable HTML', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  recognitionList(@Param('id') id: string): Promise<string> {
    return this.reports.recognitionListHtml(id);
  }

  @Get('sessions/:id/recognition-list/xlsx')
  @Access('reports.session')
  @ApiOperation({ summary: 'Danh sách đề nghị công nhận (XLSX) / Products proposed for recognition as a workbook' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'An XLSX workbook', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  async recognitionListXlsx(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    return file(response, await this.reports.recognitionListXlsx(id), XLSX, `de-nghi-cong-nhan-${id}.xlsx`);
  }

  @Post('certificates/:no/decision')
  @HttpCode(HttpStatus.OK)
  @Access('certificates.recordDecision')
  @ApiOperation({
    summary: 'Ghi số và ngày quyết định công nhận / Record the recognition decision’s number and date',
    description: 'Printed on the certificate from then on; recording again corrects it (each recording is an event).',
  })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false })
  @ApiOkResponse({ type: DecisionResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  recordDecision(@Param('no') no: string, @Body() dto: RecordDecisionDto, @Call() call: CallContext): Promise<DecisionResponse> {
    return this.reports.recordDecision(no, dto, call);
  }
}
