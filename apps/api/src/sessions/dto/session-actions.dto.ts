import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsDecimal } from '../../common/validators';

export class EnterProductDto {
  @ApiProperty({
    format: 'uuid',
    example: '0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01',
    description: 'A product of the session’s area and cycle, waiting for a session at this level.',
  })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;
}

/** Part scores A, B, C (each 0 … the part’s maximum in the session’s rule set, at most 2 decimals). */
export class PartScoresDto {
  @ApiProperty({ example: 30, minimum: 0, description: 'Part A: product and community strength' })
  @IsDecimal(2, { message: 'parts.A must be a number with at most 2 decimals' })
  @Min(0, { message: 'parts.A must be 0 or more' })
  @Max(100, { message: 'parts.A must be 100 or less' })
  A!: number;

  @ApiProperty({ example: 18, minimum: 0, description: 'Part B: marketing capacity' })
  @IsDecimal(2, { message: 'parts.B must be a number with at most 2 decimals' })
  @Min(0, { message: 'parts.B must be 0 or more' })
  @Max(100, { message: 'parts.B must be 100 or less' })
  B!: number;

  @ApiProperty({ example: 26.5, minimum: 0, description: 'Part C: product quality' })
  @IsDecimal(2, { message: 'parts.C must be a number with at most 2 decimals' })
  @Min(0, { message: 'parts.C must be 0 or more' })
  @Max(100, { message: 'parts.C must be 100 or less' })
  C!: number;
}

export class SubmitScorecardDto {
  @ApiProperty({ format: 'uuid', example: '0b6c2f0e-5f0a-4f4e-9d61-2a7f3c9b1e01', description: 'A product entered in this session' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;

  @ApiProperty({
    type: PartScoresDto,
    description: 'Scores per part; a part above its maximum in the rule set is refused as SCORE_OUT_OF_RANGE naming the part',
  })
  @IsObject({ message: 'parts must be an object of part scores {A, B, C}' })
  @ValidateNested()
  @Type(() => PartScoresDto)
  parts!: PartScoresDto;
}

export class CloseSessionDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0011', '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0012', '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0013'],
    description: 'The members present: at least 3/4 of the council, the chair among them (else NO_QUORUM)',
  })
  @IsArray({ message: 'presentMemberIds must be an array of user ids' })
  @ArrayMaxSize(15, { message: 'presentMemberIds must name at most 15 members' })
  @ArrayUnique({ message: 'presentMemberIds must not repeat a member' })
  @IsUUID('all', { each: true, message: 'each of presentMemberIds must be a UUID' })
  presentMemberIds!: string[];
}
