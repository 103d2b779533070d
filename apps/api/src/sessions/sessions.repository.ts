import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isRuleSetCode, type RuleSetCode } from '@ocop/domain';
import type { ListScope } from '../auth/access.policy';
import { CENTRAL_AREA } from './session-rules';

export interface SessionRow {
  readonly session_id: string;
  readonly level: string;
  readonly area_code: string;
  readonly province_code: string;
  readonly cycle_year: number;
  readonly session_date: Date;
  readonly status: string;
  readonly products_entered: number;
  readonly products_scored: number;
  readonly chair_id: string | null;
  readonly member_ids: string[];
  readonly members: { memberId: string; name?: string }[];
  readonly opened_by: string | null;
  readonly updated_at: Date;
}

export interface SessionFilter {
  readonly cycleYear?: number;
  readonly level?: string;
  readonly status?: string;
}

export interface CouncilUser {
  readonly user_id: string;
  readonly display_name: string;
  readonly role: string;
  readonly disabled: boolean;
}

export interface ProductForSession {
  readonly product_id: string;
  readonly workflow_id: string;
  readonly name: string;
  readonly stage: string;
  readonly district_code: string;
  readonly province_code: string;
  readonly cycle_year: number;
}

export interface EnteredProductRow {
  readonly product_id: string;
  readonly workflow_id: string;
  readonly entered_name: string;
  readonly entered_at: Date;
  readonly name: string | null;
  readonly product_group: string | null;
  readonly rule_set: string | null;
  readonly district_code: string | null;
  readonly organisation_id: string | null;
  readonly organisation_name: string | null;
  readonly stage: string | null;
  readonly dossier: { selfAssessment?: Record<string, number>; evidence?: string[] } | null;
  readonly dossier_submitted_at: Date | null;
}

export interface ScorecardRow {
  readonly member_id: string;
  readonly product_id: string;
  readonly parts: Record<string, number>;
  readonly total: number;
  readonly revision: number;
}

const SESSION_COLUMNS = `
  session_id, level, area_code, province_code, cycle_year,
  session_date, status, products_entered, products_scored,
  chair_id, member_ids, members, opened_by, updated_at`;

/** Reads of the sessions read model and the event log for the council API (the workflows are the only writers). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findSession(sessionId: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE session_id = $1`, [sessionId]);
    return row;
  }

  /** Sessions within the caller's scope (see scopeOf in the access policy), newest session date first. */
  async listSessions(scope: ListScope, filter: SessionFilter): Promise<SessionRow[]> {
    // Scopes this list has no meaning for (producers, agencies) see nothing rather than everything.
    if (scope.organisationId || scope.agencyId) return [];
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (scope.memberId) conditions.push(`member_ids @> ARRAY[${param(scope.memberId)}]::text[]`);
    if (scope.districtCode) conditions.push(`level = 'district' AND area_code = ${param(scope.districtCode)}`);
    if (scope.provinceCode) conditions.push(`province_code = ${param(scope.provinceCode)}`);
    if (filter.cycleYear !== undefined) conditions.push(`cycle_year = ${param(filter.cycleYear)}`);
    if (filter.level) conditions.push(`level = ${param(filter.level)}`);
    if (filter.status) conditions.push(`status = ${param(filter.status)}`);
    return this.db.query(
      `SELECT ${SESSION_COLUMNS} FROM sessions ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY session_date DESC, session_id LIMIT 500`,
      params,
    );
  }

  /**
   * The rule set and rule "day" a session of that year works under: its province's cycle's when opened; for the
   * national central session (`CENTRAL_AREA`), those every province's cycle of the year agrees on (a simulated or
   * demonstrated year compresses days everywhere) — each undefined when none is open or they differ.
   */
  async cycleRules(provinceCode: string, cycleYear: number): Promise<{ ruleSet?: RuleSetCode; dayLengthMs?: number }> {
    const [row]: { rule_sets: string[] | null; day_lengths: number[] | null }[] = await this.db.query(
      `SELECT array_agg(DISTINCT rule_set) AS rule_sets, array_agg(DISTINCT COALESCE(day_length_ms, 0)) AS day_lengths
         FROM cycles WHERE cycle_year = $1 AND ($2::text = $3 OR province_code = $2)`,
      [cycleYear, provinceCode, CENTRAL_AREA],
    );
    const [ruleSet] = row?.rule_sets?.length === 1 ? row.rule_sets : [];
    const [dayLengthMs] = row?.day_lengths?.length === 1 ? row.day_lengths : [];
    return {
      ruleSet: ruleSet && isRuleSetCode(ruleSet) ? ruleSet : undefined,
      dayLengthMs: dayLengthMs ? Number(dayLengthMs) : undefined,
    };
  }

  /** The users among the ids (ids must be UUIDs: validated by the DTO). */
  usersByIds(userIds: readonly string[]): Promise<CouncilUser[]> {
    return this.db.query(`SELECT user_id, display_name, role, disabled FROM users WHERE user_id = ANY($1::uuid[])`, [userIds]);
  }

  async findProduct(productId: string, cycleYear: number): Promise<ProductForSession | undefined> {
    const [row] = await this.db.query(
      `SELECT product_id, workflow_id, name, stage, district_code,
              province_code, cycle_year
         FROM products WHERE product_id::text = $1 AND cycle_year = $2`,
      [productId, cycleYear],
    );
    return row;
  }

  /** The products entered in the session, in the order they were entered, with their read model and dossier. */
  enteredProducts(sessionId: string): Promise<EnteredProductRow[]> {
    return this.db.query(
      `SELECT e.payload->>'productId' AS product_id, e.payload->>'workflowId' AS workflow_id, e.payload->>'name' AS entered_name,
              e.occurred_at AS entered_at, p.name, p.product_group, p.rule_set, p.district_code,
              p.organisation_id, o.name AS organisation_name, p.stage,
              d.payload AS dossier, d.occurred_at AS dossier_submitted_at
         FROM events e
         LEFT JOIN products p ON p.workflow_id = e.payload->>'workflowId'
         LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
         LEFT JOIN LATERAL (
           SELECT x.payload, x.occurred_at FROM events x
            WHERE x.stream_id = e.payload->>'workflowId' AND x.type = 'DossierSubmitted'
            ORDER BY x.stream_seq DESC LIMIT 1
         ) d ON true
        WHERE e.stream_id = $1 AND e.type = 'ProductEntered'
        ORDER BY e.stream_seq`,
      [`session:${sessionId}`],
    );
  }

  /** The session's scorecards: the latest revision of each member's card for each product. */
  async scorecards(sessionId: string): Promise<ScorecardRow[]> {
    const rows: { payload: Record<string, unknown> }[] = await this.db.query(
      `SELECT DISTINCT ON (payload->>'productId', payload->>'memberId') payload
         FROM events
        WHERE stream_id = $1 AND type IN ('ScorecardSubmitted', 'ScorecardRevised')
        ORDER BY payload->>'productId', payload->>'memberId', stream_seq DESC`,
      [`session:${sessionId}`],
    );
    return rows.map(({ payload: p }) => ({
      member_id: String(p.memberId),
      product_id: String(p.productId),
      parts: (p.parts ?? {}) as Record<string, number>,
      total: Number(p.total),
      revision: Number(p.revision),
    }));
  }
}
