import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HolidayYear } from '@ocop/domain';

/** The stream a year's holiday schedule is set on; the latest HolidayScheduleSet wins. */
export const holidayStreamId = (year: number): string => `calendar:holidays:${year}`;

/** Reads the holiday schedules provinces stored (events), and the sessions still open that count working days. */
@Injectable()
export class HolidaysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async provinceYears(years: readonly number[]): Promise<HolidayYear[]> {
    const rows: { payload: { year: number; days: HolidayYear['days']; workingWeekendDays: string[] } }[] = await this.db.query(
      `SELECT DISTINCT ON (stream_id) payload FROM events WHERE stream_id = ANY($1) AND type = 'HolidayScheduleSet' ORDER BY stream_id, stream_seq DESC`,
      [years.map(holidayStreamId)],
    );
    return rows.map(({ payload }) => ({
      year: payload.year,
      source: 'province',
      days: payload.days,
      workingWeekendDays: payload.workingWeekendDays,
    }));
  }

  async openSessionIds(): Promise<string[]> {
    const rows: { session_id: string }[] = await this.db.query(`SELECT session_id FROM sessions WHERE status = 'open'`);
    return rows.map((r) => r.session_id);
  }
}
