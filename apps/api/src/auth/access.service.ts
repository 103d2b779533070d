import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OcopError } from '@ocop/domain';
import { AuthUser, inboxRecipientsOf } from '@ocop/identity';
import { fieldRuleViolation } from '../common/validation.pipe';
import type { ResourceKind } from './access.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a resource sits: what a caller must be bound to. */
interface Placement {
  organisationId?: string | null;
  districtCode?: string | null;
  provinceCode?: string | null;
  /** Council members who sit on the session (for sessions, and for products entered in one of theirs). */
  memberIds?: readonly string[];
  /** Agencies (lab, inspector) a request or inspection is addressed to. */
  agencyIds?: readonly string[];
  /** Inbox recipient (notifications). */
  recipient?: string;
}

/** A list scope: the SQL conditions a caller's lists are filtered by (producers see only their organisation, …). */
export interface ListScope {
  readonly organisationId?: string;
  readonly districtCode?: string;
  readonly provinceCode?: string;
  readonly memberId?: string;
  readonly agencyId?: string;
}

/**
 * The one place that decides whether a caller may touch a resource, from the read models. Routes name the resource
 * (AccessGuard calls `requireAccess`); lists are filtered by `scopeOf`.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async requireAccess(user: AuthUser, kind: ResourceKind, ids: readonly string[], params: readonly string[] = []): Promise<void> {
    // Ids are checked for their form here, before validation pipes run, so a malformed id is a 400 naming the param.
    if ((kind === 'product' || kind === 'organisation') && !UUID.test(ids[0] ?? '')) throw fieldRuleViolation(params[0] ?? 'id', 'isUuid', `${params[0] ?? 'id'} must be a UUID`);
    if (kind === 'cycle' && !/^\d{4}$/.test(ids[1] ?? '')) throw fieldRuleViolation(params[1] ?? 'year', 'isInt', `${params[1] ?? 'year'} must be a four-digit year`);
    const placement = await this.place(kind, ids);
    const id = ids.join('/');
    // Someone else's notification does not exist for the caller.
    if (kind === 'notification' && placement && !inboxRecipientsOf(user).includes(placement.recipient!)) throw new OcopError('NOT_FOUND', { resource: kind, id });
    if (!placement) throw new OcopError(kind === 'product' ? 'PRODUCT_NOT_FOUND' : 'NOT_FOUND', { resource: kind, id });
    if (kind === 'notification') return;
    // A province's cycle (calendar, progress) is visible to everyone bound to the province.
    const allowed = kind === 'cycle' ? user.role === 'admin' || (!!user.provinceCode && user.provinceCode === placement.provinceCode) : this.allows(user, placement);
    if (!allowed) throw new OcopError('ACCESS_DENIED', { resource: kind, id, role: user.role });
  }

  /** Whether the caller is bound to where the resource sits. Admins are bound everywhere. */
  allows(user: AuthUser, at: Placement): boolean {
    switch (user.role) {
      case 'admin':
        return true;
      case 'producer':
        return !!at.organisationId && at.organisationId === user.organisationId;
      case 'district_coordinator':
        return !!at.districtCode && at.districtCode === user.districtCode;
      case 'provincial_coordinator':
        return !!at.provinceCode && at.provinceCode === user.provinceCode;
      case 'council_member':
        return at.memberIds?.includes(user.userId) ?? false;
      case 'lab':
      case 'inspector':
        return !!user.agencyId && (at.agencyIds?.includes(user.agencyId) ?? false);
    }
  }

  scopeOf(user: AuthUser): ListScope {
    switch (user.role) {
      case 'admin':
        return {};
      case 'producer':
        return { organisationId: user.organisationId ?? '-' };
      case 'district_coordinator':
        return { districtCode: user.districtCode ?? '-' };
      case 'provincial_coordinator':
        return { provinceCode: user.provinceCode ?? '-' };
      case 'council_member':
        return { memberId: user.userId };
      case 'lab':
      case 'inspector':
        return { agencyId: user.agencyId ?? '-' };
    }
  }

  private async place(kind: ResourceKind, ids: readonly string[]): Promise<Placement | undefined> {
    const [id, second] = ids;
    // PostgreSQL text cannot hold NUL: such an id names nothing (404), it must not reach a query (500).
    if (!id || ids.some((part) => part.includes('\u0000'))) return undefined;
    switch (kind) {
      case 'product': {
        if (!UUID.test(id)) return undefined;
        const [row] = await this.db.query(
          `SELECT p.organisation_id AS "organisationId", p.district_code AS "districtCode", p.province_code AS "provinceCode",
                  ARRAY(SELECT DISTINCT m FROM sessions s CROSS JOIN unnest(s.member_ids) m
                         WHERE EXISTS (SELECT 1 FROM events e WHERE e.stream_id = 'session:' || s.session_id AND e.type = 'ProductEntered' AND e.payload->>'productId' = p.product_id::text)) AS "memberIds",
                  ARRAY(SELECT lab_id FROM lab_requests l WHERE l.product_id = p.product_id
                        UNION SELECT inspector_id FROM certificates c WHERE c.product_id = p.product_id AND c.inspector_id IS NOT NULL) AS "agencyIds"
             FROM products p WHERE p.product_id = $1 ORDER BY p.cycle_year DESC LIMIT 1`,
          [id],
        );
        return row;
      }
      case 'organisation': {
        if (!UUID.test(id)) return undefined;
        const [row] = await this.db.query(
          `SELECT organisation_id AS "organisationId", district_code AS "districtCode", province_code AS "provinceCode" FROM organisations WHERE organisation_id = $1`,
          [id],
        );
        return row;
      }
      case 'session': {
        const [row] = await this.db.query(
          `SELECT CASE WHEN level = 'district' THEN area_code END AS "districtCode",
                  province_code AS "provinceCode",
                  member_ids AS "memberIds"
             FROM sessions WHERE session_id = $1`,
          [id],
        );
        return row;
      }
      case 'labRequest': {
        const [row] = await this.db.query(
          `SELECT district_code AS "districtCode", province_code AS "provinceCode", ARRAY[lab_id] AS "agencyIds" FROM lab_requests WHERE request_id = $1`,
          [id],
        );
        return row;
      }
      case 'inspection':
      case 'certificate': {
        const [row] = await this.db.query(
          `SELECT organisation_id AS "organisationId", district_code AS "districtCode", province_code AS "provinceCode",
                  ARRAY(SELECT DISTINCT a FROM (SELECT c.inspector_id AS a UNION SELECT i.inspector_id FROM inspections i WHERE i.certificate_no = c.certificate_no) x WHERE a IS NOT NULL) AS "agencyIds"
             FROM certificates c WHERE certificate_no = $1`,
          [id],
        );
        if (row && kind === 'inspection') return { agencyIds: row.agencyIds, provinceCode: row.provinceCode };
        return row;
      }
      case 'cycle': {
        if (!second || !/^\d{4}$/.test(second)) return undefined;
        const [row] = await this.db.query(`SELECT province_code AS "provinceCode" FROM cycles WHERE province_code = $1 AND cycle_year = $2`, [id, Number(second)]);
        return row;
      }
      case 'notification': {
        const [row] = await this.db.query(`SELECT recipient FROM inbox_messages WHERE message_id = $1`, [id]);
        return row ? { recipient: row.recipient } : undefined;
      }
    }
  }
}
