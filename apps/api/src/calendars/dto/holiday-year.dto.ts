import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class HolidayDto {
  @ApiProperty({ example: '2026-02-16', description: 'Local date (Asia/Ho_Chi_Minh), yyyy-mm-dd' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be yyyy-mm-dd' })
  date!: string;

  @ApiProperty({ example: 'Tết Nguyên Đán / Lunar New Year' })
  @IsString({ message: 'name must be a string' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;
}

export class PutHolidayYearDto {
  @ApiProperty({ type: [HolidayDto], description: 'Every closed day of the year (public holidays, substitute and swapped days)' })
  @IsArray({ message: 'days must be an array' })
  @ArrayMaxSize(60, { message: 'days must list at most 60 days' })
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  days!: HolidayDto[];

  @ApiProperty({
    type: [String],
    required: false,
    example: ['2026-02-28'],
    description: 'Saturdays or Sundays worked in exchange (làm bù)',
  })
  @IsOptional()
  @IsArray({ message: 'workingWeekendDays must be an array' })
  @ArrayMaxSize(20, { message: 'workingWeekendDays must list at most 20 days' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'workingWeekendDays must be yyyy-mm-dd dates' })
  workingWeekendDays?: string[];
}

export class HolidayQueryDto {
  @ApiProperty({
    required: false,
    example: 'lao-cai',
    description: 'A province: its year with its own layer; left out: the national schedule',
  })
  @IsOptional()
  @IsString({ message: 'province must be a string' })
  province?: string;
}

export class LayeredHolidayDto extends HolidayDto {
  @ApiProperty({ enum: ['national', 'province'], description: 'The national schedule’s day, or one the province added' })
  layer!: 'national' | 'province';
}

export class WorkedDayDto {
  @ApiProperty({ example: '2026-02-28' })
  date!: string;

  @ApiProperty({ enum: ['national', 'province'] })
  layer!: 'national' | 'province';
}

export class HolidayYearResponse {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({
    enum: ['national', 'official', 'labour-code'],
    description: 'Where the national schedule comes from: set by the central office, shipped with the code, or the Labour Code (Art. 112)',
  })
  source!: 'national' | 'official' | 'labour-code' | 'province';

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'lao-cai',
    description: 'The province whose layer is merged in; null: national only',
  })
  provinceCode!: string | null;

  @ApiProperty({ type: [LayeredHolidayDto] })
  days!: LayeredHolidayDto[];

  @ApiProperty({ type: [WorkedDayDto], description: 'Saturdays or Sundays worked in exchange (làm bù), with their layer' })
  workingWeekendDays!: WorkedDayDto[];
}
