import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CycleRow } from './cycle-progress.repository';

/** A cycle's products by stage, and its certified products by stars. */
export interface CycleStageCounts {
  readonly byStage: Record<string, number>;
  readonly starsDistribution: Record<string, number>;
}

/**
 * The products of a province-year by stage (the cycle_progress counters, summed over districts and groups; empty
 * stages left out) and its certified ones by stars (ix_products_certified): $1 province, $2 year.
 */
export const CYCLE_STAGE_COUNTS_SQL = `SELECT
    (SELECT COALESCE(jsonb_object_agg(stage, n), '{}'::jsonb)
       FROM (SELECT stage, sum(products)::int AS n FROM cycle_progress
              WHERE province_code = $1 AND cycle_year = $2 GROUP BY stage HAVING sum(products) > 0) s) AS by_stage,
    (SELECT COALESCE(jsonb_object_agg(stars, n), '{}'::jsonb)
       FROM (SELECT stars, count(*)::int AS n FROM products
              WHERE province_code = $1 AND cycle_year = $2 AND stage = 'certified' AND stars IS NOT NULL GROUP BY stars) s) AS stars`;

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

  async stageCounts(provinceCode: string, year: number): Promise<CycleStageCounts> {
    const [row]: { by_stage: Record<string, number>; stars: Record<string, number> }[] = await this.db.query(CYCLE_STAGE_COUNTS_SQL, [
      provinceCode,
      year,
    ]);
    return { byStage: row?.by_stage ?? {}, starsDistribution: row?.stars ?? {} };
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
