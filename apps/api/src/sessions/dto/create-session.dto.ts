import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { FIRST_CYCLE_YEAR } from '@ocop/domain';
import { SESSION_LEVELS, type SessionLevel } from '../session-rules';
import { IsFutureDate, IsOneOfProperty } from './validators';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MIN_COUNCIL_MEMBERS = 3;
export const MAX_COUNCIL_MEMBERS = 15;

/** A council session to open (mở phiên họp hội đồng đánh giá). */
export class CreateSessionDto {
  @ApiProperty({
    enum: SESSION_LEVELS,
    example: 'province',
    description: 'The level the council scores at; it must be a scoring level of the cycle’s rule set (1489/2025: province, central).',
  })
  @IsIn(SESSION_LEVELS, { message: `level must be one of ${SESSION_LEVELS.join(', ')}` })
  level!: SessionLevel;

  @ApiProperty({
    example: 'lao-cai',
    description: 'A district code (district level), a province code (province level) or `vn` (central level).',
  })
  @IsString()
  @Matches(CODE, { message: 'areaCode must be a lower-case code such as bac-ha, lao-cai or vn' })
  areaCode!: string;

  @ApiPropertyOptional({
    example: 'lao-cai',
    description:
      'Central sessions only: the province whose nominees the session scores; `vn` (the default) is the central office’s national session, which scores the nominees of every province.',
  })
  @ValidateIf((o: CreateSessionDto) => o.provinceCode !== undefined)
  @IsString()
  @Matches(CODE, { message: 'provinceCode must be a lower-case code such as lao-cai' })
  provinceCode?: string;

  @ApiProperty({ example: 2027, minimum: FIRST_CYCLE_YEAR })
  @IsInt({ message: 'cycleYear must be an integer year' })
  @Min(FIRST_CYCLE_YEAR, { message: `cycleYear must be ${FIRST_CYCLE_YEAR} or later (OCOP began in ${FIRST_CYCLE_YEAR})` })
  @Max(2100, { message: 'cycleYear must be 2100 or earlier' })
  cycleYear!: number;

  @ApiProperty({
    example: '2027-06-16T01:30:00.000Z',
    description: 'When the council meets (ISO 8601, in the future). Products can be entered until 2 working days before.',
  })
  @IsISO8601({ strict: true }, { message: 'sessionDate must be an ISO 8601 date-time' })
  @IsFutureDate()
  sessionDate!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: MIN_COUNCIL_MEMBERS,
    maxItems: MAX_COUNCIL_MEMBERS,
    example: [
      '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0011',
      '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0012',
      '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0013',
      '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0014',
    ],
    description: 'The council: user ids of council_member users, no repeats.',
  })
  @IsArray({ message: 'memberIds must be an array of user ids' })
  @ArrayMinSize(MIN_COUNCIL_MEMBERS, { message: `memberIds must name at least ${MIN_COUNCIL_MEMBERS} council members` })
  @ArrayMaxSize(MAX_COUNCIL_MEMBERS, { message: `memberIds must name at most ${MAX_COUNCIL_MEMBERS} council members` })
  @ArrayUnique({ message: 'memberIds must not repeat a member' })
  @IsUUID('all', { each: true, message: 'each of memberIds must be a UUID' })
  memberIds!: string[];

  @ApiProperty({
    format: 'uuid',
    example: '7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f0011',
    description: 'The chair (chủ tịch hội đồng): one of memberIds.',
  })
  @IsUUID('all', { message: 'chairId must be a UUID' })
  @IsOneOfProperty('memberIds', { message: 'chairId must be one of memberIds' })
  chairId!: string;
}

export class ListSessionsQuery {
  @ApiPropertyOptional({ example: 2027 })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'cycleYear must be a 4-digit year' })
  cycleYear?: string;

  @ApiPropertyOptional({ enum: SESSION_LEVELS })
  @IsOptional()
  @IsIn(SESSION_LEVELS, { message: `level must be one of ${SESSION_LEVELS.join(', ')}` })
  level?: SessionLevel;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'], { message: 'status must be open or closed' })
  status?: 'open' | 'closed';

  @ApiPropertyOptional({
    example: '14',
    description: 'Only sessions of this province (vn: the national central sessions); a caller bound to a province gets nothing of another',
  })
  @IsOptional()
  @Matches(CODE, { message: 'province must be a province code such as lao-cai, 14 or vn' })
  province?: string;
}
