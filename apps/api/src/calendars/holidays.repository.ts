import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HolidayYear, ProvinceHolidayLayer } from '@ocop/domain';

/** The stream a year's national schedule is set on; the latest HolidayScheduleSet wins. */
export const holidayStreamId = (year: number): string => `calendar:holidays:${year}`;
/** The stream of a province's own days over a year's national schedule; the latest ProvinceHolidaysSet wins. */
export const provinceHolidayStreamId = (provinceCode: string, year: number): string => `calendar:holidays:${provinceCode}:${year}`;

type Stored = { year: number; days: HolidayYear['days']; workingWeekendDays: string[] };

/** Reads the holiday schedules stored as events (national, and each province's layer), and the sessions still open. */
@Injectable()
export class HolidaysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async nationalYears(years: readonly number[]): Promise<HolidayYear[]> {
    const rows = await this.latest(years.map(holidayStreamId), 'HolidayScheduleSet');
    return rows.map((p) => ({ year: p.year, source: 'national', days: p.days, workingWeekendDays: p.workingWeekendDays }));
  }

  async provinceLayers(provinceCode: string, years: readonly number[]): Promise<ProvinceHolidayLayer[]> {
    const rows = await this.latest(
      years.map((y) => provinceHolidayStreamId(provinceCode, y)),
      'ProvinceHolidaysSet',
    );
    return rows.map((p) => ({ provinceCode, year: p.year, days: p.days, workingWeekendDays: p.workingWeekendDays }));
  }

  /** Open sessions (of one province, or all) and the province whose calendar each counts with. */
  async openSessions(provinceCode?: string): Promise<{ sessionId: string; provinceCode: string }[]> {
    const rows: { session_id: string; province_code: string }[] = await this.db.query(
      `SELECT session_id, province_code FROM sessions WHERE status = 'open' AND ($1::text IS NULL OR province_code = $1)`,
      [provinceCode ?? null],
    );
    return rows.map((r) => ({ sessionId: r.session_id, provinceCode: r.province_code }));
  }

  private async latest(streamIds: string[], type: string): Promise<Stored[]> {
    const rows: { payload: Stored }[] = await this.db.query(
      `SELECT DISTINCT ON (stream_id) payload FROM events WHERE stream_id = ANY($1) AND type = $2 ORDER BY stream_id, stream_seq DESC`,
      [streamIds, type],
    );
    return rows.map((r) => r.payload);
  }
}
