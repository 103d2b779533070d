import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** A coordinator's decision on an idea (xét duyệt ý tưởng). */
export class ReviewIdeaDto {
  @ApiProperty({ enum: ['accept', 'reject', 'request_changes'], example: 'accept' })
  @IsIn(['accept', 'reject', 'request_changes'], { message: 'decision must be accept, reject or request_changes' })
  decision!: 'accept' | 'reject' | 'request_changes';

  @ApiPropertyOptional({
    example: 'Sản phẩm trùng với sản phẩm đã đăng ký / Duplicates a registered product',
    description: 'required to reject',
  })
  @ValidateIf((o: ReviewIdeaDto) => o.decision === 'reject' || o.reason !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'reason is required to reject' })
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ example: '2027-04-15T17:00:00.000Z', description: 'required with request_changes: when the revised idea is due' })
  @ValidateIf((o: ReviewIdeaDto) => o.decision === 'request_changes' || o.dueAt !== undefined)
  @IsISO8601({}, { message: 'dueAt must be an ISO 8601 date' })
  dueAt?: string;
}

export class ReviseIdeaDto {
  @ApiPropertyOptional({ example: 'Rượu mận tam bội Bắc Hà' })
  @IsOptional()
  @IsString()
  @Length(2, 200, { message: 'name must be 2–200 characters' })
  name?: string;

  @ApiProperty({ example: 'Đã bổ sung nguồn nguyên liệu / Raw material source added', description: 'What changed, for the coordinator' })
  @IsString()
  @IsNotEmpty({ message: 'note should say what changed' })
  @MaxLength(2000)
  note!: string;
}

export class BusinessPlanDto {
  @ApiProperty({ example: 'Mở rộng vùng nguyên liệu 20 ha, xây nhà xưởng đạt chuẩn / 20 ha of orchards, a certified workshop' })
  @IsString()
  @IsNotEmpty({ message: 'summary should not be empty' })
  @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional({ example: 'https://files.example.vn/phuong-an-kinh-doanh.pdf' })
  @IsOptional()
  @IsUrl({ require_protocol: true }, { message: 'documentUrl must be an http(s) URL' })
  documentUrl?: string;
}

export class DossierDto {
  @ApiProperty({
    example: { A: 30, B: 20, C: 30 },
    description: 'Self-assessed points per part of the rule set (each within the part maximum)',
  })
  @IsObject({ message: 'selfAssessment must be an object of part → points' })
  selfAssessment!: Record<string, number>;

  @ApiProperty({ type: [String], example: ['https://files.example.vn/ho-so/giay-chung-nhan-attp.pdf'] })
  @ArrayMinSize(1, { message: 'evidence must list at least one document' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  evidence!: string[];
}

export class DossierCheckDto {
  @ApiProperty({ example: true })
  @IsBoolean({ message: 'passed must be true or false' })
  passed!: boolean;

  @ApiPropertyOptional({ description: 'required when the dossier fails' })
  @ValidateIf((o: DossierCheckDto) => o.passed === false || o.reason !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'reason is required when the dossier fails' })
  @MaxLength(2000)
  reason?: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 'Không đủ nguyên liệu năm nay / Not enough raw material this year' })
  @IsString()
  @IsNotEmpty({ message: 'reason should not be empty' })
  @MaxLength(2000)
  reason!: string;
}
