import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isRuleSetCode, type RuleSetCode } from '@ocop/domain';
import type { ListScope } from '../auth/access.service';

export interface SessionRow {
  readonly sessionId: string;
  readonly level: string;
  readonly areaCode: string;
  readonly provinceCode: string;
  readonly cycleYear: number;
  readonly sessionDate: Date;
  readonly status: string;
  readonly productsEntered: number;
  readonly productsScored: number;
  readonly chairId: string | null;
  readonly memberIds: string[];
  readonly members: { memberId: string; name?: string }[];
  readonly openedBy: string | null;
  readonly updatedAt: Date;
}

export interface SessionFilter {
  readonly cycleYear?: number;
  readonly level?: string;
  readonly status?: string;
}

export interface CouncilUser {
  readonly userId: string;
  readonly displayName: string;
  readonly role: string;
  readonly disabled: boolean;
}

export interface ProductForSession {
  readonly productId: string;
  readonly workflowId: string;
  readonly name: string;
  readonly stage: string;
  readonly districtCode: string;
  readonly provinceCode: string;
  readonly cycleYear: number;
}

export interface EnteredProductRow {
  readonly productId: string;
  readonly workflowId: string;
  readonly enteredName: string;
  readonly enteredAt: Date;
  readonly name: string | null;
  readonly productGroup: string | null;
  readonly ruleSet: string | null;
  readonly districtCode: string | null;
  readonly organisationId: string | null;
  readonly organisationName: string | null;
  readonly stage: string | null;
  readonly dossier: { selfAssessment?: Record<string, number>; evidence?: string[] } | null;
  readonly dossierSubmittedAt: Date | null;
}

export interface ScorecardRow {
  readonly memberId: string;
  readonly productId: string;
  readonly parts: Record<string, number>;
  readonly total: number;
  readonly revision: number;
}

const SESSION_COLUMNS = `
  session_id AS "sessionId", level, area_code AS "areaCode", province_code AS "provinceCode", cycle_year AS "cycleYear",
  session_date AS "sessionDate", status, products_entered AS "productsEntered", products_scored AS "productsScored",
  chair_id AS "chairId", member_ids AS "memberIds", members, opened_by AS "openedBy", updated_at AS "updatedAt"`;

/** Reads of the sessions read model and the event log for the council API (the workflows are the only writers). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findSession(sessionId: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE session_id = $1`, [sessionId]);
    return row;
  }

  /** Sessions within the caller's scope (see AccessService.scopeOf), newest session date first. */
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

  /** The rule set a province's cycle of that year names, if the cycle has been opened. */
  async cycleRuleSet(provinceCode: string, cycleYear: number): Promise<RuleSetCode | undefined> {
    const [row] = await this.db.query(`SELECT rule_set AS "ruleSet" FROM cycles WHERE province_code = $1 AND cycle_year = $2`, [provinceCode, cycleYear]);
    return row && isRuleSetCode(row.ruleSet) ? row.ruleSet : undefined;
  }

  /** The users among the ids (ids must be UUIDs: validated by the DTO). */
  usersByIds(userIds: readonly string[]): Promise<CouncilUser[]> {
    return this.db.query(
      `SELECT user_id AS "userId", display_name AS "displayName", role, disabled FROM users WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
  }

  async findProduct(productId: string, cycleYear: number): Promise<ProductForSession | undefined> {
    const [row] = await this.db.query(
      `SELECT product_id AS "productId", workflow_id AS "workflowId", name, stage, district_code AS "districtCode",
              province_code AS "provinceCode", cycle_year AS "cycleYear"
         FROM products WHERE product_id::text = $1 AND cycle_year = $2`,
      [productId, cycleYear],
    );
    return row;
  }

  /** The products entered in the session, in the order they were entered, with their read model and dossier. */
  enteredProducts(sessionId: string): Promise<EnteredProductRow[]> {
    return this.db.query(
      `SELECT e.payload->>'productId' AS "productId", e.payload->>'workflowId' AS "workflowId", e.payload->>'name' AS "enteredName",
              e.occurred_at AS "enteredAt", p.name, p.product_group AS "productGroup", p.rule_set AS "ruleSet", p.district_code AS "districtCode",
              p.organisation_id AS "organisationId", o.name AS "organisationName", p.stage,
              d.payload AS dossier, d.occurred_at AS "dossierSubmittedAt"
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
      memberId: String(p.memberId),
      productId: String(p.productId),
      parts: (p.parts ?? {}) as Record<string, number>,
      total: Number(p.total),
      revision: Number(p.revision),
    }));
  }
}
