import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiErrorBody } from '../common/api-error';
import { Call, type CallContext } from '../common/call-context';
import { HolidayQueryDto, HolidayYearResponse, PutHolidayYearDto } from './dto/holiday-year.dto';
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
    description:
      'The national schedule (source: national — set by the central office, official — shipped, or labour-code — Art. 112) and, with ?province=, that province’s own days over it; each day names its layer.',
  })
  @ApiOkResponse({ type: HolidayYearResponse })
  year(@Param('year', ParseIntPipe) year: number, @Query() query: HolidayQueryDto) {
    return this.holidays.year(year, query.province);
  }

  @Put(':year')
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2099 }, example: 2026 })
  @Access('calendars.setHolidays')
  @ApiOperation({
    summary: 'Đặt lịch nghỉ lễ quốc gia / Set a year’s national holidays',
    description:
      'Records HolidayScheduleSet (stream calendar:holidays:<year>); every province’s open sessions count working days with it at once.',
  })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'A day outside the year, not a date, or a worked day that is not a weekend; the field is named.',
  })
  @ApiOkResponse({ type: HolidayYearResponse })
  set(@Param('year', ParseIntPipe) year: number, @Body() dto: PutHolidayYearDto, @Call() call: CallContext) {
    return this.holidays.setNational(year, dto, call);
  }

  @Put(':year/provinces/:province')
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2099 }, example: 2026 })
  @ApiParam({ name: 'province', example: 'lao-cai' })
  @Access('calendars.setProvinceHolidays')
  @ApiOperation({
    summary: 'Ngày nghỉ riêng của tỉnh / A province’s own days off and worked days',
    description:
      'Every extra day off (days) and weekend day worked (workingWeekendDays) of the province over the national schedule; records ProvinceHolidaysSet (stream calendar:holidays:<province>:<year>); the province’s open sessions count with it at once, no other province’s.',
  })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description:
      'A day outside the year, a national holiday re-declared or worked, a worked day that is not a weekend; the field is named.',
  })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such province (the 2021 plan’s lao-cai or a GSO code of the 2025 map).' })
  @ApiOkResponse({ type: HolidayYearResponse })
  setProvince(
    @Param('year', ParseIntPipe) year: number,
    @Param('province') province: string,
    @Body() dto: PutHolidayYearDto,
    @Call() call: CallContext,
  ) {
    return this.holidays.setProvince(year, province, dto, call);
  }
}
