import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@ocop/identity';
import { Access, CurrentUser } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { CertificatesService } from './certificates.service';
import { CertificateDetailResponse, CertificatePageResponse, ListCertificatesQuery } from './dto/certificate.dto';

@ApiTags('certificates')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get()
  @Access('certificates.list')
  @ApiOperation({ summary: 'Danh sách giấy chứng nhận / List certificates (scoped to the caller)' })
  @ApiOkResponse({ type: CertificatePageResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  list(@Query() query: ListCertificatesQuery, @CurrentUser() user: AuthUser): Promise<CertificatePageResponse> {
    return this.certificates.list(query, user);
  }

  @Get(':no')
  @Access('certificates.detail')
  @ApiOperation({
    summary: 'Giấy chứng nhận: hồ sơ, hậu kiểm và trạng thái trực tiếp / A certificate: read model, inspections and live lifecycle state',
  })
  @ApiOkResponse({ type: CertificateDetailResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  detail(@Param('no') no: string): Promise<CertificateDetailResponse> {
    return this.certificates.detail(no);
  }

  @Get(':no/document')
  @Access('certificates.document')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'Bản in giấy chứng nhận (HTML, có mã QR) / The printable certificate (HTML with its QR code)',
    description: 'The same page as `npm run cli -- certificate <no>`.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A self-contained A4 HTML page', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  document(@Param('no') no: string): Promise<string> {
    return this.certificates.document(no);
  }
}
