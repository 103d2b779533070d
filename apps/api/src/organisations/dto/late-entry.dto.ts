import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { FIRST_CYCLE_YEAR } from '@ocop/domain';

/** A coordinator lets an organisation send ideas to its province's cycle after the idea window closed. */
export class OpenLateEntryDto {
  @ApiProperty({ example: 2021, description: 'The cycle of the organisation’s province' })
  @IsInt({ message: 'cycleYear must be an integer year' })
  @Min(FIRST_CYCLE_YEAR, { message: `cycleYear must be ${FIRST_CYCLE_YEAR} or later` })
  @Max(2100, { message: 'cycleYear must be 2100 or earlier' })
  cycleYear!: number;

  @ApiPropertyOptional({
    example: '2021-04-15',
    description: 'The last day ideas are taken (a local date, or an instant read in Vietnam time); 7 days from today when left out',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date' })
  until?: string;
}

/** The late entry as the cycle recorded it. */
export class LateEntryResponse {
  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ example: 2021 })
  cycleYear!: number;

  @ApiProperty({ example: 'lao-cai' })
  provinceCode!: string;

  @ApiProperty({ example: '2021-04-15T17:00:00.000Z', description: 'Ideas are taken until this instant (the end of a local day)' })
  until!: string;
}
