import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { defaultRuleSetForYear } from '@ocop/domain';
import type { ProductFacts, SessionEventRow } from './session-minutes';

/** What the office's documents are made of: a session's events and its products, a certificate's place. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async session(
    sessionId: string,
  ): Promise<{ session_id: string; rule_set: string; events: SessionEventRow[]; products: ProductFacts[] } | undefined> {
    const [row] = await this.db.query(
      `SELECT s.session_id, s.province_code, s.cycle_year, c.rule_set FROM sessions s
         LEFT JOIN cycles c ON c.province_code = s.province_code AND c.cycle_year = s.cycle_year
        WHERE s.session_id = $1`,
      [sessionId],
    );
    if (!row) return undefined;
    const events: SessionEventRow[] = await this.db.query(
      `SELECT type, payload, occurred_at FROM events WHERE stream_id = $1 ORDER BY stream_seq`,
      [`session:${sessionId}`],
    );
    const productIds = [...new Set(events.filter((e) => e.type === 'ProductEntered').map((e) => String(e.payload.productId)))];
    const products: ProductFacts[] = productIds.length
      ? await this.db.query(
          `SELECT DISTINCT ON (p.product_id) p.product_id, p.name, o.name AS organisation_name, p.district_code, p.product_group, p.rule_set
             FROM products p LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
            WHERE p.product_id = ANY($1::uuid[]) AND p.cycle_year = $2 ORDER BY p.product_id`,
          [productIds, row.cycle_year],
        )
      : [];
    const ruleSet = row.rule_set ?? products[0]?.rule_set ?? defaultRuleSetForYear(row.cycle_year);
    return { session_id: row.session_id, rule_set: ruleSet, events, products };
  }

  async certificateProvince(certificateNo: string): Promise<{ province_code: string; status: string } | undefined> {
    const [row] = await this.db.query(`SELECT province_code, status FROM certificates WHERE certificate_no = $1`, [certificateNo]);
    return row;
  }

  async decision(
    certificateNo: string,
  ): Promise<{ decision_no: string; decision_date: string; recorded_by: string; recorded_at: Date } | undefined> {
    const [row] = await this.db.query(
      `SELECT decision_no, decision_date, recorded_by, recorded_at FROM certificate_decisions WHERE certificate_no = $1`,
      [certificateNo],
    );
    return row;
  }
}
