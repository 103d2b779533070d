import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { FIRST_CYCLE_YEAR } from '@ocop/domain';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A producer's product idea for a cycle (đăng ký ý tưởng sản phẩm). */
export class SubmitIdeaDto {
  @ApiProperty({ format: 'uuid', example: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001', description: 'The producer organisation (chủ thể)' })
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId!: string;

  @ApiProperty({ example: 'Rượu mận Bắc Hà', minLength: 2, maxLength: 200 })
  @IsString()
  @Length(2, 200, { message: 'name must be 2–200 characters' })
  name!: string;

  @ApiProperty({ example: 'do-uong', description: 'A product-group code of the cycle’s rule set (see /reference-data)' })
  @IsString()
  @Matches(CODE, { message: 'productGroup must be a lower-case code such as do-uong' })
  productGroup!: string;

  @ApiPropertyOptional({
    example: 'bac-ha',
    description: 'District code: the organisation’s district (taken from the organisation when left out; any other is refused)',
  })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'district must be a lower-case code such as bac-ha' })
  district?: string;

  @ApiProperty({ example: 2021, minimum: FIRST_CYCLE_YEAR })
  @IsInt({ message: 'cycleYear must be an integer year' })
  @Min(FIRST_CYCLE_YEAR, { message: `cycleYear must be ${FIRST_CYCLE_YEAR} or later (OCOP began in ${FIRST_CYCLE_YEAR})` })
  @Max(2100, { message: 'cycleYear must be 2100 or earlier' })
  cycleYear!: number;

  @ApiPropertyOptional({
    example: 'LC-2023-0001',
    description:
      'Re-evaluation (tái đánh giá): the product’s certificate to re-evaluate. The journey keeps the certified product’s id (its timeline then shows every cycle), takes the organisation’s area on the cycle’s map, and certifying again supersedes the certificate. The organisation must be the certificate’s.',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9]{1,8}-\d{4}-\d{4,6}$/, { message: 'previousCertificateNo must be a certificate number such as LC-2023-0001' })
  previousCertificateNo?: string;
}
