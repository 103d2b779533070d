import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findOcopProvince } from '@ocop/admin-map';
import type { Placement, ResourceKind } from './access.policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a resource sits, from the read models only (the event log is never read for access). */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The resource's placement; undefined when the ids name nothing. */
  async place(kind: ResourceKind, ids: readonly string[]): Promise<Placement | undefined> {
    const [id, second] = ids;
    // PostgreSQL text cannot hold NUL: such an id names nothing (404), it must not reach a query (500).
    if (!id || ids.some((part) => part.includes('\u0000'))) return undefined;
    switch (kind) {
      case 'product': {
        if (!UUID.test(id)) return undefined;
        const [row] = await this.db.query(
          `SELECT p.organisation_id AS "organisationId", p.district_code AS "districtCode", p.province_code AS "provinceCode",
                  p.commune_code AS "communeCode",
                  ARRAY(SELECT DISTINCT m FROM session_products sp JOIN sessions s ON s.session_id = sp.session_id CROSS JOIN unnest(s.member_ids) m
                         WHERE sp.product_id = p.product_id::text) AS "memberIds",
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
          `SELECT organisation_id AS "organisationId", district_code AS "districtCode", province_code AS "provinceCode", commune_code AS "communeCode"
             FROM organisations WHERE organisation_id = $1`,
          [id],
        );
        return row;
      }
      case 'session':
      case 'sessionRun': {
        const [row] = await this.db.query(
          `SELECT CASE WHEN level = 'district' THEN area_code END AS "districtCode",
                  province_code AS "provinceCode",
                  level,
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
        const [row] = await this.db.query(
          `SELECT province_code AS "provinceCode" FROM cycles WHERE province_code = $1 AND cycle_year = $2`,
          [id, Number(second)],
        );
        return row;
      }
      case 'province':
        return findOcopProvince(id) ? { provinceCode: id } : undefined;
      case 'notification': {
        const [row] = await this.db.query(`SELECT recipient FROM inbox_messages WHERE message_id = $1`, [id]);
        return row ? { recipient: row.recipient } : undefined;
      }
    }
  }
}
