import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TERMINAL_STAGES } from '@ocop/contracts';
import { AreaCell, DeadlineItem, linkTo, ProgressCell } from './progress';

export interface ProgressFilters {
  readonly district?: string;
  readonly productGroup?: string;
}

export interface CycleRow {
  province_code: string;
  cycle_year: number;
  rule_set: string;
  calendar: Record<string, unknown>;
  targets: Record<string, unknown>;
  day_length_ms: number | null;
  status: string;
  opened_by: string;
  opened_at: Date;
  workflow_id: string;
  updated_at: Date;
}

export interface CertifiedCounts {
  readonly certified: number;
  readonly newCertifiedProducts: number;
  readonly organisationsConsolidated: number;
  readonly newOrganisations: number;
  readonly stars: Record<string, number>;
}

export interface DeadlineList {
  readonly items: DeadlineItem[];
  readonly total: number;
}

/**
 * The terminal stages as SQL, in TERMINAL_STAGES order: the partial index ix_products_open_due has exactly this
 * predicate (migrations 1764375100000, 1764375200000), and the planner uses it only for queries that repeat it.
 */
const OPEN_STEP = (alias: string) =>
  `${alias}.due_at IS NOT NULL AND ${alias}.stage NOT IN (${TERMINAL_STAGES.map((s) => `'${s}'`).join(', ')})`;
/** `$3` district, `$4` product group: optional filters (NULL = all). */
const FILTERS = (alias: string) =>
  `($3::text IS NULL OR ${alias}.district_code = $3) AND ($4::text IS NULL OR ${alias}.product_group = $4)`;
const iso = (value: Date | string): string => new Date(value).toISOString();

/** Products of the cycle whose awaited step is due in [$5, $6) ($5 NULL: any time before $6), within the filters. */
const OPEN_STEPS_DUE = (
  alias: string,
) => `${alias}.province_code = $1 AND ${alias}.cycle_year = $2 AND ${OPEN_STEP(alias)} AND ${FILTERS(alias)}
          AND ($5::timestamptz IS NULL OR ${alias}.due_at >= $5) AND ${alias}.due_at < $6`;
/** Lab requests of the cycle still awaiting results, due in [$5, $6) ($5 NULL: any time before $6), within the filters. */
const OPEN_LAB_DUE = (
  alias: string,
) => `${alias}.province_code = $1 AND ${alias}.cycle_year = $2 AND ${alias}.status = 'requested' AND ${FILTERS(alias)}
          AND ($5::timestamptz IS NULL OR ${alias}.due_at >= $5) AND ${alias}.due_at < $6`;
/** Inspections of the province awaiting the report, due before $5, of the cycle's certificates within the filters. */
const OPEN_REPORTS_DUE = (i: string, c: string) => `${i}.province_code = $1 AND ${i}.status = 'requested' AND ${i}.report_due_at < $5
          AND ${c}.cycle_year = $2 AND ${FILTERS(c)}`;

/**
 * The queries, each starting from an index on (province_code, cycle_year, …) or a partial index of open items
 * (migrations 1764375100000, 1764375200000). Parameters: $1 province, $2 year, $3 district (NULL = all), $4 product
 * group (NULL = all), then the times and the limit (sessions: $3 district, $4 from, $5 until, $6 limit). Exported so
 * a test can EXPLAIN them.
 *
 * A deadline list reads its first `limit` items in deadline order from the open-items index and stops; its total is
 * a separate count(*) over the same range of that index (index-only: the district and product group are index columns,
 * so the filters are index conditions too), evaluated once for the statement — rather than count(*) OVER (), which
 * fetched and sorted every matching row (30,000 at 100,000 products) to show 200 of them.
 */
export const PROGRESS_SQL = {
  cycle: `SELECT * FROM cycles WHERE province_code = $1 AND cycle_year = $2`,
  /** A commune cycle's products by commune and stage (its products carry their commune; none: NULL). */
  communes: `SELECT p.commune_code AS area_code, p.stage, count(*)::int AS products FROM products p
        WHERE p.province_code = $1 AND p.cycle_year = $2 AND ${FILTERS('p')}
        GROUP BY p.commune_code, p.stage ORDER BY p.commune_code, p.stage`,
  cells: `SELECT stage, district_code, product_group, products FROM cycle_progress c
        WHERE c.province_code = $1 AND c.cycle_year = $2 AND ${FILTERS('c')} AND c.products > 0
        ORDER BY stage, district_code, product_group`,
  /*
   * One index-only pass over the certified products (ix_products_certified, in organisation and stars order; with a
   * district or group filter ix_products_certified_area), grouped by organisation and stars: the certified count, the
   * stars and the organisations follow from those few groups. New certified products are the certified ones less
   * those whose certificate supersedes another (re-evaluations, ix_certificates_superseding: a certificate row carries
   * its product's id, province and cycle) — no join of every certified product to its certificate. Organisations: by
   * primary key (consolidated) or by province and founding year with an index-only "has a product in the cycle within
   * the filters" probe (new).
   */
  certifiedCounts: `WITH certified AS MATERIALIZED (
         SELECT p.organisation_id, p.stars, count(*)::int AS n
           FROM products p
          WHERE p.province_code = $1 AND p.cycle_year = $2 AND p.stage = 'certified' AND ${FILTERS('p')}
          GROUP BY p.organisation_id, p.stars
       ),
       total AS (SELECT COALESCE(sum(n), 0)::int AS certified FROM certified)
       SELECT total.certified,
              (total.certified - (SELECT count(*) FROM certificates c
                                   JOIN products p ON p.product_id = c.product_id AND p.cycle_year = $2 AND p.certificate_no = c.certificate_no
                                  WHERE c.province_code = $1 AND c.cycle_year = $2 AND c.supersedes IS NOT NULL
                                    AND p.province_code = $1 AND p.stage = 'certified' AND ${FILTERS('p')}))::int AS new_certified,
              (SELECT count(*) FROM organisations o
                WHERE o.founded_year <= $2 AND o.organisation_id IN (SELECT organisation_id FROM certified))::int AS consolidated,
              (SELECT count(*) FROM organisations o
                WHERE o.province_code = $1 AND o.founded_year BETWEEN $2 - 1 AND $2
                  AND EXISTS (SELECT 1 FROM products p
                               WHERE p.organisation_id = o.organisation_id AND p.cycle_year = $2 AND p.province_code = $1 AND ${FILTERS('p')}))::int AS new_organisations,
              (SELECT COALESCE(jsonb_object_agg(stars, n), '{}'::jsonb)
                 FROM (SELECT stars, sum(n)::int AS n FROM certified WHERE stars IS NOT NULL GROUP BY stars) s) AS stars
         FROM total`,
  productSteps: `SELECT p.product_id, p.name, p.stage, p.district_code, p.product_group, p.due_at, t.total
         FROM (SELECT p.product_id, p.name, p.stage, p.district_code, p.product_group, p.due_at
                 FROM products p
                WHERE ${OPEN_STEPS_DUE('p')}
                ORDER BY p.due_at, p.product_id
                LIMIT $7) p
        CROSS JOIN (SELECT count(*) AS total FROM products n WHERE ${OPEN_STEPS_DUE('n')}) t
        ORDER BY p.due_at, p.product_id`,
  labResults: `SELECT l.request_id, l.product_id, l.product_name, l.lab_id, l.attempt, l.district_code, l.product_group, l.due_at, t.total
         FROM (SELECT l.request_id, l.product_id, l.product_name, l.lab_id, l.attempt, l.district_code, l.product_group, l.due_at
                 FROM lab_requests l
                WHERE ${OPEN_LAB_DUE('l')}
                ORDER BY l.due_at, l.request_id
                LIMIT $7) l
        CROSS JOIN (SELECT count(*) AS total FROM lab_requests n WHERE ${OPEN_LAB_DUE('n')}) t
        ORDER BY l.due_at, l.request_id`,
  inspectionReports: `SELECT r.*, t.total
         FROM (SELECT i.certificate_no, i.round, i.inspector_id, i.report_due_at, c.product_id, c.product_name, c.district_code, c.product_group
                 FROM inspections i JOIN certificates c ON c.certificate_no = i.certificate_no
                WHERE ${OPEN_REPORTS_DUE('i', 'c')}
                ORDER BY i.report_due_at, i.certificate_no, i.round
                LIMIT $6) r
        CROSS JOIN (SELECT count(*) AS total FROM inspections i JOIN certificates c ON c.certificate_no = i.certificate_no
                     WHERE ${OPEN_REPORTS_DUE('i', 'c')}) t
        ORDER BY r.report_due_at, r.certificate_no, r.round`,
  sessions: `SELECT s.session_id, s.level, s.area_code, s.session_date, count(*) OVER () AS total
         FROM sessions s
        WHERE s.province_code = $1 AND s.cycle_year = $2 AND s.session_date >= $4 AND s.session_date < $5 AND s.status = 'open'
          AND ($3::text IS NULL OR s.level <> 'district' OR s.area_code = $3)
        ORDER BY s.session_date, s.session_id
        LIMIT $6`,
};

/**
 * The progress of a province-year, read from the read models only (products, cycle_progress, certificates,
 * lab_requests, inspections, sessions, cycles, organisations) — never from the event log or Temporal. Every query
 * starts from an index on (province_code, cycle_year, …) or a partial index of open items.
 */
@Injectable()
export class CycleProgressRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findCycle(provinceCode: string, year: number): Promise<CycleRow | undefined> {
    const [row]: CycleRow[] = await this.db.query(PROGRESS_SQL.cycle, [provinceCode, year]);
    return row;
  }

  /** A commune cycle's products by commune and stage. */
  async communeCells(provinceCode: string, year: number, f: ProgressFilters): Promise<AreaCell[]> {
    const rows: { area_code: string | null; stage: string; products: number }[] = await this.db.query(PROGRESS_SQL.communes, [
      provinceCode,
      year,
      f.district ?? null,
      f.productGroup ?? null,
    ]);
    return rows.map((r) => ({ areaCode: r.area_code, stage: r.stage, products: Number(r.products) }));
  }

  /** Products by stage × district × product group (the cycle_progress counters; empty cells left out). */
  async cells(provinceCode: string, year: number, f: ProgressFilters): Promise<ProgressCell[]> {
    const rows: { stage: string; district_code: string; product_group: string; products: number }[] = await this.db.query(
      PROGRESS_SQL.cells,
      [provinceCode, year, f.district ?? null, f.productGroup ?? null],
    );
    return rows.map((r) => ({
      stage: r.stage,
      districtCode: r.district_code,
      productGroup: r.product_group,
      products: Number(r.products),
    }));
  }

  /**
   * Certified products of the cycle and what the targets count:
   * - newCertifiedProducts: certified products whose certificate supersedes no earlier certificate;
   * - organisationsConsolidated: organisations founded by the cycle year with ≥ 1 certified product in it — new
   *   organisations included, as Kế hoạch 48/KH-UBND counts them ("≥ 12 consolidated, of which ≥ 7 new");
   * - newOrganisations: organisations of the province founded in the cycle year or the year before with ≥ 1 product
   *   (any stage) in the cycle.
   * An organisation whose founding year is unknown counts in neither. Filters apply to the products.
   */
  async certifiedCounts(provinceCode: string, year: number, f: ProgressFilters): Promise<CertifiedCounts> {
    const [row] = await this.db.query(PROGRESS_SQL.certifiedCounts, [provinceCode, year, f.district ?? null, f.productGroup ?? null]);
    return {
      certified: row.certified,
      newCertifiedProducts: row.new_certified,
      organisationsConsolidated: row.consolidated,
      newOrganisations: row.new_organisations,
      stars: row.stars,
    };
  }

  /** Products whose awaited step is due in [from, until) (from null: any time before until), earliest first. */
  async productSteps(
    provinceCode: string,
    year: number,
    f: ProgressFilters,
    from: Date | null,
    until: Date,
    limit: number,
  ): Promise<DeadlineList> {
    const rows: Record<string, any>[] = await this.db.query(PROGRESS_SQL.productSteps, [
      provinceCode,
      year,
      f.district ?? null,
      f.productGroup ?? null,
      from,
      until,
      limit,
    ]);
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        kind: 'product_step',
        dueAt: iso(r.due_at),
        productId: r.product_id,
        productName: r.name,
        stage: r.stage,
        districtCode: r.district_code,
        productGroup: r.product_group,
        link: linkTo.product(r.product_id),
      })),
    };
  }

  /** Lab requests still awaiting results, due in [from, until), earliest first. */
  async labResults(
    provinceCode: string,
    year: number,
    f: ProgressFilters,
    from: Date | null,
    until: Date,
    limit: number,
  ): Promise<DeadlineList> {
    const rows: Record<string, any>[] = await this.db.query(PROGRESS_SQL.labResults, [
      provinceCode,
      year,
      f.district ?? null,
      f.productGroup ?? null,
      from,
      until,
      limit,
    ]);
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        kind: 'lab_result',
        dueAt: iso(r.due_at),
        requestId: r.request_id,
        productId: r.product_id,
        productName: r.product_name,
        labId: r.lab_id,
        attempt: r.attempt,
        districtCode: r.district_code,
        productGroup: r.product_group,
        link: linkTo.labRequest(r.request_id),
      })),
    };
  }

  /** Inspections of the cycle's certificates still awaiting the inspector's report, whose report was due before `until`. */
  async inspectionReports(provinceCode: string, year: number, f: ProgressFilters, until: Date, limit: number): Promise<DeadlineList> {
    const rows: Record<string, any>[] = await this.db.query(PROGRESS_SQL.inspectionReports, [
      provinceCode,
      year,
      f.district ?? null,
      f.productGroup ?? null,
      until,
      limit,
    ]);
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        kind: 'inspection_report',
        dueAt: iso(r.report_due_at),
        certificateNo: r.certificate_no,
        round: r.round,
        ...(r.inspector_id ? { inspectorId: r.inspector_id } : {}),
        productId: r.product_id,
        productName: r.product_name,
        districtCode: r.district_code,
        productGroup: r.product_group,
        link: linkTo.certificate(r.certificate_no),
      })),
    };
  }

  /**
   * Open council sessions of the cycle dated in [from, until). With a district filter: that district's sessions and
   * the province-wide ones (provincial, central), which its products go to as well.
   */
  async sessions(
    provinceCode: string,
    year: number,
    district: string | undefined,
    from: Date,
    until: Date,
    limit: number,
  ): Promise<DeadlineList> {
    const rows: Record<string, any>[] = await this.db.query(PROGRESS_SQL.sessions, [
      provinceCode,
      year,
      district ?? null,
      from,
      until,
      limit,
    ]);
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        kind: 'session',
        dueAt: iso(r.session_date),
        sessionId: r.session_id,
        level: r.level,
        areaCode: r.area_code,
        ...(r.level === 'district' ? { districtCode: r.area_code } : {}),
        link: linkTo.session(r.session_id),
      })),
    };
  }
}
