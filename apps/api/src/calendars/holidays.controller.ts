import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { HolidayYearResponse, PutHolidayYearDto } from './dto/holiday-year.dto';
import { HolidaysService } from './holidays.service';

@ApiTags('calendars')
@Controller('calendars/holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get(':year')
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2099 }, example: 2026 })
  @Access('calendars.holidays')
  @ApiOperation({
    summary: 'Ngày nghỉ lễ / A year’s public holidays',
    description: 'source: province (set here), official (shipped schedule) or labour-code (Art. 112 from the lunar calendar).',
  })
  @ApiOkResponse({ type: HolidayYearResponse })
  year(@Param('year', ParseIntPipe) year: number) {
    return this.holidays.year(year);
  }

  @Put(':year')
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2099 }, example: 2026 })
  @Access('calendars.setHolidays')
  @ApiOperation({
    summary: 'Đặt lịch nghỉ lễ / Set a year’s public holidays',
    description: 'Records HolidayScheduleSet (stream calendar:holidays:<year>); open sessions count working days with it at once.',
  })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'A day outside the year, not a date, or a worked day that is not a weekend; the field is named.',
  })
  @ApiOkResponse({ type: HolidayYearResponse })
  set(@Param('year', ParseIntPipe) year: number, @Body() dto: PutHolidayYearDto, @Call() call: CallContext) {
    return this.holidays.set(year, dto, call);
  }
}
