import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TERMINAL_STAGES, type CycleCalendar } from '@ocop/contracts';
import { searchKeySql, searchPatterns } from '@ocop/domain';
import type { ListScope } from '../auth/access.policy';

export interface ProductRow {
  product_id: string;
  organisation_id: string;
  organisation_name: string | null;
  name: string;
  product_group: string;
  province_code: string;
  district_code: string;
  cycle_year: number;
  rule_set: string;
  stage: string;
  workflow_id: string;
  submitted_by: string;
  submitted_at: Date;
  stars: number | null;
  due_at: Date | null;
  certificate_no: string | null;
  session_id: string | null;
  reason: string | null;
  updated_at: Date;
  commune_code: string | null;
  previous_certificate_no: string | null;
}

/** Where an organisation is registered: its district and province, and its 2025 commune when it has one. */
export interface OrganisationPlace {
  readonly districtCode: string;
  readonly provinceCode: string;
  readonly communeCode?: string;
  readonly legacyDistrictCode?: string;
}

export interface ProductFilter {
  readonly cycleYear?: number;
  /** Products in any of these stages. */
  readonly stage?: readonly string[];
  readonly district?: string;
  readonly commune?: string;
  readonly productGroup?: string;
  readonly stars?: number;
  readonly overdue?: boolean;
  readonly organisationId?: string;
  /** Words of a name, organisation or certificate number, with or without diacritics. */
  readonly q?: string;
}

/** The register's orders; each pages on its own key and the workflow id (unique) as the tie-break. */
export const PRODUCT_SORTS = ['newest', 'name', 'due'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** Where the previous page stopped: the sort key of its last row, and that row's workflow id. */
export interface ProductCursor {
  readonly sort: ProductSort;
  readonly key: string;
  readonly workflowId: string;
}

const SORT_SQL: Record<ProductSort, { order: string; after: (key: string, id: string) => string }> = {
  newest: {
    order: 'p.submitted_at DESC, p.workflow_id DESC',
    after: (k, id) => `(p.submitted_at, p.workflow_id) < (${k}::timestamptz, ${id})`,
  },
  name: { order: 'p.name ASC, p.workflow_id ASC', after: (k, id) => `(p.name, p.workflow_id) > (${k}::text, ${id})` },
  // Products without a deadline (finished journeys) come last.
  due: {
    order: `coalesce(p.due_at, 'infinity'::timestamptz) ASC, p.workflow_id ASC`,
    after: (k, id) => `(coalesce(p.due_at, 'infinity'::timestamptz), p.workflow_id) > (${k}::timestamptz, ${id})`,
  },
};

/** The sort key of a row, as a cursor carries it. */
export function sortKeyOf(row: ProductRow, sort: ProductSort): string {
  if (sort === 'name') return row.name;
  if (sort === 'due') return row.due_at ? new Date(row.due_at).toISOString() : 'infinity';
  return new Date(row.submitted_at).toISOString();
}

export interface TimelineRow {
  stream_seq: number;
  stream_id: string;
  event_id: string;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  occurred_at: Date;
  actor_name: string | null;
}

export interface OpenCycle {
  readonly ruleSet: string;
  readonly calendar: CycleCalendar;
  readonly dayLengthMs: number | null;
}

/** The folded text a search looks in: the product's name and certificate number, its organisation's name. */
const PRODUCT_KEY = searchKeySql(`p.name || ' ' || coalesce(p.certificate_no, '')`);
const ORGANISATION_KEY = searchKeySql(`coalesce(o.name, '')`);

const SELECT_PRODUCT = `SELECT p.*, o.name AS organisation_name FROM products p LEFT JOIN organisations o ON o.organisation_id = p.organisation_id`;

/** Reads of the products read model and the product's event stream (the workflows' activities are the only writers). */
@Injectable()
export class ProductsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The product as it stands in a cycle (its latest, unless one is named). */
  async findProduct(productId: string, cycleYear?: number): Promise<ProductRow | undefined> {
    const [row]: ProductRow[] = await this.db.query(
      `${SELECT_PRODUCT} WHERE p.product_id = $1 AND ($2::int IS NULL OR p.cycle_year = $2) ORDER BY p.cycle_year DESC LIMIT 1`,
      [productId, cycleYear ?? null],
    );
    return row;
  }

  /** Where an organisation is registered (its district is its products' district), if it is. */
  async findOrganisation(organisationId: string): Promise<OrganisationPlace | undefined> {
    const [row]: Record<string, string | null>[] = await this.db.query(
      `SELECT district_code, province_code, commune_code, legacy_district_code FROM organisations WHERE organisation_id = $1`,
      [organisationId],
    );
    return row
      ? {
          districtCode: row.district_code!,
          provinceCode: row.province_code!,
          ...(row.commune_code ? { communeCode: row.commune_code } : {}),
          ...(row.legacy_district_code ? { legacyDistrictCode: row.legacy_district_code } : {}),
        }
      : undefined;
  }

  /** The certificate a re-evaluation names: its product and organisation. */
  async findCertificate(certificateNo: string): Promise<{ productId: string; organisationId: string } | undefined> {
    const [row]: { product_id: string; organisation_id: string }[] = await this.db.query(
      `SELECT product_id, organisation_id FROM certificates WHERE certificate_no = $1`,
      [certificateNo],
    );
    return row && { productId: row.product_id, organisationId: row.organisation_id };
  }

  /** The product's journeys of other cycles (a re-evaluation's earlier ones), oldest first. */
  async otherJourneys(productId: string, cycleYear: number): Promise<{ workflow_id: string; cycle_year: number; province_code: string }[]> {
    return this.db.query(
      `SELECT workflow_id, cycle_year, province_code FROM products WHERE product_id = $1 AND cycle_year <> $2 ORDER BY cycle_year`,
      [productId, cycleYear],
    );
  }

  /**
   * Claims a folded product name of an organisation in a cycle for `productId`; answers the product that holds it
   * (`productId` when this claim won, or when it was this product's already — a retry). One insert wins under any
   * concurrency: the primary key decides. A claim whose product never reached the register (its journey did not
   * start) and that is older than `staleAfterMs` is taken over.
   */
  async claimName(organisationId: string, cycleYear: number, nameKey: string, productId: string, staleAfterMs: number): Promise<string> {
    const key = [organisationId, cycleYear, nameKey];
    await this.db.query(
      `INSERT INTO product_names (organisation_id, cycle_year, name_key, product_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT pk_product_names DO NOTHING`,
      [...key, productId],
    );
    const [held]: { product_id: string }[] = await this.db.query(
      `SELECT product_id FROM product_names WHERE organisation_id = $1 AND cycle_year = $2 AND name_key = $3`,
      key,
    );
    if (!held || held.product_id === productId) return productId;
    // Taken over only from a product that is not in the register, and only once (the UPDATE names the old holder).
    const [taken]: { product_id: string }[] = await this.db.query(
      `WITH taken AS (
         UPDATE product_names n SET product_id = $4, claimed_at = now()
          WHERE n.organisation_id = $1 AND n.cycle_year = $2 AND n.name_key = $3 AND n.product_id = $5
            AND n.claimed_at < now() - make_interval(secs => $6::double precision / 1000)
            AND NOT EXISTS (SELECT 1 FROM products p WHERE p.product_id::text = n.product_id AND p.cycle_year = n.cycle_year)
          RETURNING n.product_id
       )
       SELECT product_id FROM taken`,
      [...key, productId, held.product_id, staleAfterMs],
    );
    return taken ? productId : held.product_id;
  }

  /** Gives a name back when the journey that claimed it did not start (only this product's claim). */
  async releaseName(organisationId: string, cycleYear: number, nameKey: string, productId: string): Promise<void> {
    await this.db.query(`DELETE FROM product_names WHERE organisation_id = $1 AND cycle_year = $2 AND name_key = $3 AND product_id = $4`, [
      organisationId,
      cycleYear,
      nameKey,
      productId,
    ]);
  }

  async findCycle(provinceCode: string, year: number): Promise<OpenCycle | undefined> {
    const [row]: { rule_set: string; calendar: CycleCalendar; day_length_ms: number | null }[] = await this.db.query(
      `SELECT rule_set, calendar, day_length_ms FROM cycles WHERE province_code = $1 AND cycle_year = $2`,
      [provinceCode, year],
    );
    return row ? { ruleSet: row.rule_set, calendar: row.calendar, dayLengthMs: row.day_length_ms } : undefined;
  }

  /**
   * One page of the register in the chosen order, keyset-paginated on (sort key, workflow_id) so pages stay stable
   * while journeys move; `limit + 1` rows tell whether there is a next page. `total` counts every row of the filter.
   */
  async list(
    filter: ProductFilter,
    scope: ListScope,
    limit: number,
    sort: ProductSort,
    after?: ProductCursor,
  ): Promise<{ rows: ProductRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.cycleYear !== undefined) add('p.cycle_year = ?', filter.cycleYear);
    if (filter.stage?.length) add('p.stage = ANY(?::text[])', [...filter.stage]);
    if (filter.district) add('p.district_code = ?', filter.district);
    if (filter.commune) add('p.commune_code = ?', filter.commune);
    if (filter.productGroup) add('p.product_group = ?', filter.productGroup);
    if (filter.stars !== undefined) add('p.stars = ?', filter.stars);
    if (filter.organisationId) add('p.organisation_id = ?', filter.organisationId);
    if (filter.overdue !== undefined) {
      add(`${filter.overdue ? '' : 'NOT '}(p.due_at < now() AND p.stage <> ALL(?::text[]))`, [...TERMINAL_STAGES]);
    }
    for (const pattern of searchPatterns(filter.q)) add(`(${PRODUCT_KEY} LIKE ? OR ${ORGANISATION_KEY} LIKE ?)`, pattern);
    if (scope.organisationId) add('p.organisation_id::text = ?', scope.organisationId);
    if (scope.districtCode) add('p.district_code = ?', scope.districtCode);
    if (scope.communeCode) add('p.commune_code = ?', scope.communeCode);
    if (scope.provinceCode) add('p.province_code = ?', scope.provinceCode);
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const order = SORT_SQL[sort];
    if (after) {
      params.push(after.key, after.workflowId);
      where.push(order.after(`$${params.length - 1}`, `$${params.length}`));
    }
    params.push(limit + 1);
    const [rows, [counted]] = await Promise.all([
      this.db.query(
        `${SELECT_PRODUCT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order.order} LIMIT $${params.length}`,
        params,
      ) as Promise<ProductRow[]>,
      this.db.query(
        `SELECT count(*)::int AS total FROM products p LEFT JOIN organisations o ON o.organisation_id = p.organisation_id ${filtered}`,
        countParams,
      ) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: counted!.total };
  }

  /**
   * The scorecards council members sent for the product in its cycle's sessions (session streams, each naming the
   * member as its actor), in the order they were recorded; found through the sessions the product was entered in.
   */
  scorecards(productId: string, cycleYear: number): Promise<TimelineRow[]> {
    return this.db.query(
      `SELECT e.stream_seq, e.stream_id, e.event_id, e.type, e.payload, e.actor, e.occurred_at, u.display_name AS actor_name
         FROM session_products sp
         JOIN sessions s ON s.session_id = sp.session_id AND s.cycle_year = $2
         JOIN events e ON e.stream_id = 'session:' || sp.session_id
         LEFT JOIN users u ON u.user_id::text = split_part(e.actor, ':', 2)
        WHERE sp.product_id = $1 AND e.type IN ('ScorecardSubmitted', 'ScorecardRevised') AND e.payload->>'productId' = $1
        ORDER BY e.occurred_at, e.stream_id, e.stream_seq`,
      [productId, cycleYear],
    );
  }

  /** Every event of the product's journey in a cycle, in order, with the acting user's name where it is a user. */
  timeline(workflowId: string): Promise<TimelineRow[]> {
    return this.db.query(
      `SELECT e.stream_seq, e.stream_id, e.event_id, e.type, e.payload, e.actor, e.occurred_at, u.display_name AS actor_name
         FROM events e
         LEFT JOIN users u ON u.user_id::text = split_part(e.actor, ':', 2)
        WHERE e.stream_id = $1
        ORDER BY e.stream_seq`,
      [workflowId],
    );
  }
}
