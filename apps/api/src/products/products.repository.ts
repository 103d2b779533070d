import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TERMINAL_STAGES, type CycleCalendar } from '@ocop/contracts';
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
}

export interface ProductFilter {
  readonly cycleYear?: number;
  readonly stage?: string;
  readonly district?: string;
  readonly productGroup?: string;
  readonly stars?: number;
  readonly overdue?: boolean;
  readonly organisationId?: string;
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

  async organisationExists(organisationId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM organisations WHERE organisation_id = $1`, [organisationId]);
    return rows.length > 0;
  }

  async findCycle(provinceCode: string, year: number): Promise<OpenCycle | undefined> {
    const [row]: { rule_set: string; calendar: CycleCalendar; day_length_ms: number | null }[] = await this.db.query(
      `SELECT rule_set, calendar, day_length_ms FROM cycles WHERE province_code = $1 AND cycle_year = $2`,
      [provinceCode, year],
    );
    return row ? { ruleSet: row.rule_set, calendar: row.calendar, dayLengthMs: row.day_length_ms } : undefined;
  }

  /**
   * One page, newest submission first, keyset-paginated on (submitted_at, workflow_id) so pages stay stable while
   * journeys move; `limit + 1` rows tell whether there is a next page.
   */
  async list(filter: ProductFilter, scope: ListScope, limit: number, after?: { submittedAt: string; workflowId: string }): Promise<ProductRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.cycleYear !== undefined) add('p.cycle_year = ?', filter.cycleYear);
    if (filter.stage) add('p.stage = ?', filter.stage);
    if (filter.district) add('p.district_code = ?', filter.district);
    if (filter.productGroup) add('p.product_group = ?', filter.productGroup);
    if (filter.stars !== undefined) add('p.stars = ?', filter.stars);
    if (filter.organisationId) add('p.organisation_id = ?', filter.organisationId);
    if (filter.overdue !== undefined) {
      add(`${filter.overdue ? '' : 'NOT '}(p.due_at < now() AND p.stage <> ALL(?::text[]))`, [...TERMINAL_STAGES]);
    }
    if (scope.organisationId) add('p.organisation_id::text = ?', scope.organisationId);
    if (scope.districtCode) add('p.district_code = ?', scope.districtCode);
    if (scope.provinceCode) add('p.province_code = ?', scope.provinceCode);
    if (after) {
      params.push(after.submittedAt, after.workflowId);
      where.push(`(p.submitted_at, p.workflow_id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit + 1);
    return this.db.query(
      `${SELECT_PRODUCT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.submitted_at DESC, p.workflow_id DESC LIMIT $${params.length}`,
      params,
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
