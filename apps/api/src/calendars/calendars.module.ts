import { Module } from '@nestjs/common';
import { HolidaysController } from './holidays.controller';
import { HolidaysRepository } from './holidays.repository';
import { HolidaysService } from './holidays.service';

/** Calendars a province maintains: a year's public holidays. */
@Module({ controllers: [HolidaysController], providers: [HolidaysService, HolidaysRepository], exports: [HolidaysService] })
export class CalendarsModule {}
