import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';

export class RecordDecisionDto {
  @ApiProperty({ example: '2345/QĐ-UBND', description: 'Số quyết định công nhận of the People’s Committee' })
  @MaxLength(60, { message: 'decisionNo must be at most 60 characters' })
  @Matches(/^\d{1,6}\/[\p{L}\d.-]{2,30}(\/[\p{L}\d.-]{1,30})?$/u, { message: 'decisionNo must look like 2345/QĐ-UBND' })
  decisionNo!: string;

  @ApiProperty({ example: '2021-12-09', description: 'Ngày ký (YYYY-MM-DD, Vietnam date)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'decisionDate must be a date YYYY-MM-DD' })
  decisionDate!: string;
}

export class DecisionResponse {
  @ApiProperty() certificateNo!: string;
  @ApiProperty() decisionNo!: string;
  @ApiProperty() decisionDate!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}
