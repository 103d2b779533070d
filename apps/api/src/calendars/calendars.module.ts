import { Module } from '@nestjs/common';
import { HolidaysController } from './holidays.controller';
import { HolidaysRepository } from './holidays.repository';
import { HolidaysService } from './holidays.service';

/** Public holiday calendars: the national schedule and each province's own days over it. */
@Module({ controllers: [HolidaysController], providers: [HolidaysService, HolidaysRepository], exports: [HolidaysService] })
export class CalendarsModule {}
