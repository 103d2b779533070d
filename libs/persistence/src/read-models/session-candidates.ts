import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { waitingStageFor } from '@ocop/contracts';
import type { LevelName } from '@ocop/domain';

/** A product a session may take on its agenda, as the products read model holds it. */
export interface SessionCandidate {
  readonly productId: string;
  readonly workflowId: string;
  readonly name: string;
}

/** What a session reads of the products read model: the products waiting for it. */
@Injectable()
export class SessionCandidates {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Products of the cycle waiting for a session at `level` in the area (a district, a province, or `vn`), not yet in one. */
  async awaiting(query: { level: string; areaCode: string; provinceCode: string; cycleYear: number }): Promise<SessionCandidate[]> {
    const rows: { product_id: string; workflow_id: string; name: string }[] = await this.db.query(
      `SELECT product_id, workflow_id, name FROM products
        WHERE stage = $1 AND cycle_year = $2 AND session_id IS NULL
          AND ($3 = 'vn' OR district_code = $3 OR (province_code = $3 AND $4 = 'province'))
        ORDER BY submitted_at, product_id`,
      [waitingStageFor(query.level as LevelName), query.cycleYear, query.areaCode, query.level],
    );
    return rows.map((r) => ({ productId: r.product_id, workflowId: r.workflow_id, name: r.name }));
  }
}
