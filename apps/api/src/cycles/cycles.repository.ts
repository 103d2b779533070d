import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CycleRow } from './cycle-progress.repository';

/** Reads of the `cycles` read model (written by the CycleProjection from CycleOpened / CycleDateMoved only). */
@Injectable()
export class CyclesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(provinceCode: string, year: number): Promise<CycleRow | undefined> {
    const [row]: CycleRow[] = await this.db.query(`SELECT * FROM cycles WHERE province_code = $1 AND cycle_year = $2`, [
      provinceCode,
      year,
    ]);
    return row;
  }

  /** Cycles, newest year first; `provinceCode` undefined = every province. */
  list(provinceCode: string | undefined, year: number | undefined): Promise<CycleRow[]> {
    return this.db.query(
      `SELECT * FROM cycles
        WHERE ($1::text IS NULL OR province_code = $1) AND ($2::int IS NULL OR cycle_year = $2)
        ORDER BY cycle_year DESC, province_code`,
      [provinceCode ?? null, year ?? null],
    );
  }
}
