import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { waitingStageFor } from '@ocop/contracts';

/** Where the central office stands in a year, per province (read models only). */
export interface ProvinceCountsRow {
  province_code: string;
  products: number;
  nominees: number;
  certified_3: number;
  certified_4: number;
  certified_5: number;
  target: number | null;
  rule_set: string | null;
}
export interface NomineeRow {
  product_id: string;
  name: string;
  province_code: string;
  district_code: string;
  organisation_name: string | null;
  session_id: string | null;
  updated_at: Date;
}
export interface ExpiringRow {
  certificate_no: string;
  product_id: string;
  product_name: string;
  province_code: string;
  stars: number;
  status: string;
  expires_at: Date;
}

/** The stage of a nominee waiting for the central council. */
const AWAITING_CENTRAL = waitingStageFor('central');
/** A certificate in force (not expired, revoked or superseded): the predicate of the indexes the view reads. */
const IN_FORCE = `status IN ('valid', 'remediation')`;

/**
 * The national view's SQL, in one place: every province's products and certificates of a year, the nominees awaiting
 * the central council, and the certificates expiring soon. Served from the read models without counting products
 * one by one: the per-province counts come from the cycle_progress counters (a few hundred cells for a year of
 * 100,000 products), certificates through ix_certificates_national and ix_certificates_expiry, the nominees' page
 * through ix_products_nominees (bench P6).
 */
@Injectable()
export class NationalRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Per province with products, certificates or a cycle in the year: ideas, nominees, certificates in force by stars,
   * target. Three small queries side by side, merged here (one statement joining them cost more to plan than to run).
   */
  async provinces(year: number): Promise<ProvinceCountsRow[]> {
    const [products, certificates, cycles]: [
      Pick<ProvinceCountsRow, 'province_code' | 'products' | 'nominees'>[],
      Pick<ProvinceCountsRow, 'province_code' | 'certified_3' | 'certified_4' | 'certified_5'>[],
      Pick<ProvinceCountsRow, 'province_code' | 'target' | 'rule_set'>[],
    ] = await Promise.all([
      this.db.query(
        `SELECT province_code, sum(products)::int AS products, coalesce(sum(products) FILTER (WHERE stage = $2), 0)::int AS nominees
           FROM cycle_progress WHERE cycle_year = $1 GROUP BY province_code`,
        [year, AWAITING_CENTRAL],
      ),
      this.db.query(
        `SELECT province_code,
                count(*) FILTER (WHERE stars = 3)::int AS certified_3,
                count(*) FILTER (WHERE stars = 4)::int AS certified_4,
                count(*) FILTER (WHERE stars = 5)::int AS certified_5
           FROM certificates WHERE cycle_year = $1 AND ${IN_FORCE} GROUP BY province_code`,
        [year],
      ),
      this.db.query(`SELECT province_code, (targets->>'newCertifiedProducts')::int AS target, rule_set FROM cycles WHERE cycle_year = $1`, [
        year,
      ]),
    ]);
    const rows = new Map<string, ProvinceCountsRow>();
    const rowOf = (code: string): ProvinceCountsRow => {
      let row = rows.get(code);
      if (!row) {
        row = {
          province_code: code,
          products: 0,
          nominees: 0,
          certified_3: 0,
          certified_4: 0,
          certified_5: 0,
          target: null,
          rule_set: null,
        };
        rows.set(code, row);
      }
      return row;
    };
    for (const part of [...products, ...certificates, ...cycles]) Object.assign(rowOf(part.province_code), part);
    return [...rows.values()].sort((a, b) => (a.province_code < b.province_code ? -1 : a.province_code > b.province_code ? 1 : 0));
  }

  /** The first `limit` of the year's nominees awaiting the central council, by province then name (provinces() counts them all). */
  async nominees(year: number, limit: number): Promise<NomineeRow[]> {
    return this.db.query(
      `SELECT p.product_id, p.name, p.province_code, p.district_code, o.name AS organisation_name, p.session_id, p.updated_at
         FROM products p LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
        WHERE p.cycle_year = $1 AND p.stage = $2
        ORDER BY p.province_code, p.name, p.product_id
        LIMIT $3`,
      [year, AWAITING_CENTRAL, limit],
    );
  }

  /**
   * Certificates in force expiring within `days` of `now`, earliest first; `total` counts them all. The page reads its
   * rows in the index's order and stops; the count reads the index alone.
   */
  async expiring(now: Date, days: number, limit: number): Promise<{ rows: ExpiringRow[]; total: number }> {
    const within = `${IN_FORCE} AND expires_at > $1 AND expires_at <= $1::timestamptz + make_interval(days => $2)`;
    const [rows, counted]: [ExpiringRow[], { total: number }[]] = await Promise.all([
      this.db.query(
        `SELECT certificate_no, product_id, product_name, province_code, stars, status, expires_at
           FROM certificates WHERE ${within}
          ORDER BY expires_at, certificate_no
          LIMIT $3`,
        [now, days, limit],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM certificates WHERE ${within}`, [now, days]),
    ]);
    return { rows, total: counted[0]?.total ?? 0 };
  }
}
