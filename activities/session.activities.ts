import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EnteredProduct } from '@ocop/contracts';

@Injectable()
export class SessionActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Products of the cycle waiting for a session at `level` in the area (a district, a province, or `vn`), not yet in one. */
  async findProductsAwaitingSession(query: { level: string; areaCode: string; provinceCode: string; cycleYear: number }): Promise<EnteredProduct[]> {
    const rows: { product_id: string; workflow_id: string; name: string }[] = await this.dataSource.query(
      `SELECT product_id, workflow_id, name FROM products
        WHERE stage = $1 AND cycle_year = $2 AND session_id IS NULL
          AND ($3 = 'vn' OR district_code = $3 OR (province_code = $3 AND $4 = 'province'))
        ORDER BY submitted_at, product_id`,
      [`awaiting_${query.level}_session`, query.cycleYear, query.areaCode, query.level],
    );
    return rows.map((r) => ({ productId: r.product_id, workflowId: r.workflow_id, name: r.name }));
  }
}
