import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { OcopError } from '@ocop/domain';
import { Public } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { fieldRuleViolation } from '../common/validation.pipe';
import { CertificateCheckRateLimit } from './certificate-check.rate-limit';
import { isCertificateNo } from './certificate-status';
import { CertificatesService, toVerificationView } from './certificates.service';
import { PublicCertificateResponse } from './dto/certificate.dto';
import { renderVerificationPage, renderVerificationProblem } from './verification-page';

const NO_PARAM = {
  name: 'no',
  example: 'LC-2021-0001',
  description: 'Certificate number: <province prefix>-<year>-<sequence of 4+ digits>',
};

/** The QR code's answer: anyone, without logging in, may check a certificate. Nothing beyond the public fields. */
const RATE_LIMITED = {
  type: ApiErrorBody,
  description:
    'TOO_MANY_REQUESTS: more checks from this address in a minute than CERTIFICATE_CHECKS_PER_MINUTE (60); wait Retry-After seconds',
  headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
} as const;

@ApiTags('public')
@Controller()
@UseGuards(CertificateCheckRateLimit)
@ApiTooManyRequestsResponse(RATE_LIMITED)
export class PublicCertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('public/certificates/:no')
  @Public()
  @ApiOperation({ summary: 'Xác thực giấy chứng nhận (công khai) / Verify a certificate (public, JSON)' })
  @ApiParam(NO_PARAM)
  @ApiOkResponse({ type: PublicCertificateResponse })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'Not a certificate number (checked before any lookup).' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No certificate with this number.' })
  async verifyJson(@Param('no') no: string): Promise<PublicCertificateResponse> {
    if (!isCertificateNo(no)) throw fieldRuleViolation('no', 'isCertificateNo', 'no must be a certificate number such as LC-2021-0001');
    const view = await this.certificates.publicView(no);
    if (!view) throw new OcopError('NOT_FOUND', { resource: 'certificate', id: no });
    return view;
  }

  @Get('verify/:no')
  @Public()
  @ApiOperation({ summary: 'Trang xác thực cho điện thoại / The verification page a certificate’s QR code opens (HTML)' })
  @ApiParam(NO_PARAM)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A small mobile page: status, product, producer, place, stars, dates', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'Not a certificate number (an HTML page saying so)' })
  @ApiNotFoundResponse({ description: 'No certificate with this number (an HTML page saying so)' })
  async verifyPage(@Param('no') no: string, @Res() response: Response): Promise<void> {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    if (!isCertificateNo(no)) {
      response.status(400).send(renderVerificationProblem('invalid', no));
      return;
    }
    const view = await this.certificates.publicView(no);
    if (!view) {
      response.status(404).send(renderVerificationProblem('not_found', no));
      return;
    }
    response.status(200).send(renderVerificationPage(toVerificationView(view)));
  }
}
