import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LocalisedMessage {
  @ApiProperty({ example: 'Dữ liệu không hợp lệ' })
  vi!: string;

  @ApiProperty({ example: 'The request is not valid' })
  en!: string;
}

export class FieldError {
  @ApiProperty({ example: 'productGroup' })
  field!: string;

  @ApiProperty({ example: 'isNotEmpty', description: 'The rule the value broke' })
  rule!: string;

  @ApiProperty({ example: 'productGroup should not be empty' })
  message!: string;
}

/** Every error response has this shape: a stable code, a message in Vietnamese and English, details. */
export class ApiErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ type: LocalisedMessage })
  message!: LocalisedMessage;

  @ApiPropertyOptional({ type: [FieldError] })
  errors?: FieldError[];

  @ApiPropertyOptional({ type: Object })
  details?: Record<string, unknown>;
}
