import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_KINDS } from '@ocop/domain';

const KIND_CODES = DOCUMENT_KINDS.map((k) => k.code);

export class UploadDocumentQuery {
  @ApiProperty({ enum: KIND_CODES, description: 'What the document is (the dossier checklist names the required kinds).' })
  @IsIn(KIND_CODES, { message: `kind must be one of ${KIND_CODES.join(', ')}` })
  kind!: string;

  @ApiPropertyOptional({ description: 'A document of this product the new one replaces (removed once the new one is stored).' })
  @IsOptional()
  @IsUUID('all', { message: 'replaces must be a UUID' })
  replaces?: string;

  @ApiPropertyOptional({ description: 'What the document belongs to: a lab request id, a certificate number (inspection).' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(/^[A-Za-z0-9:._-]+$/, { message: 'subjectId must be letters, digits, colons, dots, dashes or underscores' })
  subjectId?: string;
}

export class DocumentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() productId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() kindName!: { vi: string; en: string };
  @ApiPropertyOptional() subjectId?: string;
  @ApiProperty({ description: 'SHA-256 of the content (hex): the document’s address in the store' }) sha256!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Judged from the bytes' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;
}

export class ChecklistItemResponse {
  @ApiProperty() kind!: string;
  @ApiProperty() vi!: string;
  @ApiProperty() en!: string;
  @ApiProperty() present!: boolean;
}

export class DocumentListResponse {
  @ApiProperty({ type: [DocumentResponse] }) items!: DocumentResponse[];
  @ApiProperty({
    type: [ChecklistItemResponse],
    description: 'The documents the rule set requires of this product group, and which are attached',
  })
  checklist!: ChecklistItemResponse[];
  @ApiProperty() complete!: boolean;
  @ApiProperty() totalBytes!: number;
  @ApiProperty() maxFileBytes!: number;
  @ApiProperty() maxDossierBytes!: number;
}

export class DocumentLinkResponse {
  @ApiProperty({ description: 'A short-lived URL that serves the document inline (presigned S3 URL, or the API’s signed link)' })
  url!: string;
  @ApiProperty() expiresAt!: string;
}
