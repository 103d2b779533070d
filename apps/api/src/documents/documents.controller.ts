import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import type { AuthUser } from '@ocop/identity';
import { Access, AccessRule, CurrentUser, Public } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { fieldRuleViolation } from '../common/validation.pipe';
import { DocumentLinkResponse, DocumentListResponse, DocumentResponse, UploadDocumentQuery } from './dto/document.dto';
import { DocumentsService } from './documents.service';
import type { DocumentRow } from './documents.repository';
import { contentDisposition } from './storage/document-storage';

const PRODUCT = { kind: 'product', params: ['id'] } as const;
const uuid = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => fieldRuleViolation(field, 'isUuid', `${field} must be a UUID`) });

/** Whoever may see the product may see its documents. */
export const DOCUMENT_VIEW: AccessRule = {
  roles: ['producer', 'district_coordinator', 'provincial_coordinator', 'council_member', 'lab', 'inspector', 'admin'],
  resource: PRODUCT,
  rule: 'as the product: its producer; coordinators of its district or province; council members of a session it was entered in; the lab it was sent to; the inspector of its certificate; admin',
};
const DOCUMENT_ATTACH: AccessRule = {
  roles: ['producer', 'lab', 'inspector', 'admin'],
  resource: PRODUCT,
  rule: 'its producer (business plan and dossier documents, until the dossier is submitted); the lab it was sent to (lab_report); the inspector of its certificate (inspection_minutes, inspection_photo); admin',
};

@ApiTags('documents')
@Controller('products/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Access(DOCUMENT_ATTACH)
  @ApiOperation({
    summary: 'Attach a document (tải tài liệu lên): multipart/form-data, one field "file"',
    description:
      'Streamed to the document store (never held whole in memory), addressed by its SHA-256; the type is judged from the bytes (PDF, JPEG, PNG, WebP, DOCX, XLSX). The same bytes sent again as the same kind answer with the document already stored. `replaces` removes an earlier document once the new one is stored.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'No file, an empty file, an unknown kind (VALIDATION_FAILED, naming the field).',
  })
  @ApiPayloadTooLargeResponse({
    type: ApiErrorBody,
    description: 'FILE_TOO_LARGE (DOCUMENTS_MAX_FILE_MB, 25 MB), DOSSIER_TOO_LARGE (DOCUMENTS_MAX_DOSSIER_MB, 300 MB per product).',
  })
  @ApiUnsupportedMediaTypeResponse({
    type: ApiErrorBody,
    description: 'UNSUPPORTED_FILE_TYPE: the bytes are not PDF, JPEG, PNG, WebP, DOCX or XLSX.',
  })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'WRONG_STAGE: the producer’s documents change only until the dossier is submitted.',
  })
  upload(
    @Param('id', uuid('id')) id: string,
    @Query() query: UploadDocumentQuery,
    @Req() request: Request,
    @CurrentUser() user: AuthUser,
  ): Promise<DocumentResponse> {
    return this.documents.upload(id, query, request, user);
  }

  @Get()
  @Access(DOCUMENT_VIEW)
  @ApiOperation({ summary: 'The product’s documents, and the dossier checklist of its rule set and group (danh mục hồ sơ)' })
  @ApiOkResponse({ type: DocumentListResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  list(@Param('id', uuid('id')) id: string): Promise<DocumentListResponse> {
    return this.documents.list(id);
  }

  @Get(':documentId/link')
  @Access(DOCUMENT_VIEW)
  @ApiOperation({ summary: 'A short-lived link that opens the document in the browser (presigned on S3; signed by the API otherwise)' })
  @ApiQuery({
    name: 'via',
    required: false,
    enum: ['api'],
    description: '`api`: a link the API serves (same origin) even when the store is S3',
  })
  @ApiOkResponse({ type: DocumentLinkResponse })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  link(
    @Param('id', uuid('id')) id: string,
    @Param('documentId', uuid('documentId')) documentId: string,
    @Query('via') via?: string,
  ): Promise<DocumentLinkResponse> {
    if (via !== undefined && via !== 'api') throw fieldRuleViolation('via', 'isIn', 'via must be api when given');
    return this.documents.link(id, documentId, via === 'api');
  }

  @Get(':documentId/content')
  @Access(DOCUMENT_VIEW)
  @ApiOperation({ summary: 'The document’s bytes (inline, with its type and name)' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'application/octet-stream')
  @ApiOkResponse({ description: 'The bytes', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  async content(
    @Param('id', uuid('id')) id: string,
    @Param('documentId', uuid('documentId')) documentId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { document, body } = await this.documents.content(id, documentId);
    await sendDocument(response, document, body);
  }

  @Delete(':documentId')
  @HttpCode(HttpStatus.OK)
  @Access(DOCUMENT_ATTACH)
  @ApiOperation({ summary: 'Remove a document (xóa tài liệu): the producer until the dossier is submitted; a lab or inspector its own' })
  @ApiOkResponse({ type: DocumentResponse, description: 'The document removed' })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'WRONG_STAGE' })
  remove(
    @Param('id', uuid('id')) id: string,
    @Param('documentId', uuid('documentId')) documentId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<DocumentResponse> {
    return this.documents.remove(id, documentId, user);
  }
}

@ApiTags('documents')
@Controller('document-links')
export class DocumentLinksController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'A document by the signed, short-lived link GET …/documents/:documentId/link returned (the embedded store)' })
  @ApiOkResponse({ description: 'The bytes', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'An unknown, altered or expired link.' })
  async open(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const { document, body } = await this.documents.contentByLink(token);
    await sendDocument(response, document, body);
  }
}

async function sendDocument(response: Response, document: DocumentRow, body: Readable): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', document.content_type);
  response.setHeader('Content-Length', String(document.size_bytes));
  response.setHeader('Content-Disposition', contentDisposition(document.file_name));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, max-age=300');
  response.setHeader('ETag', `"${document.sha256}"`);
  await new Promise<void>((resolve, reject) => {
    body.on('error', reject);
    response.on('finish', resolve);
    response.on('close', resolve);
    body.pipe(response);
  });
}
