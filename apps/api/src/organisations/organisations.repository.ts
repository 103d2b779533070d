import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListScope } from '../auth/access.policy';
import { searchKeySql, searchPatterns } from '@ocop/domain';

const SEARCH_KEY = searchKeySql(`name || ' ' || coalesce(tax_code, '')`);

export interface OrganisationRow {
  organisation_id: string;
  name: string;
  producer_type: string;
  province_code: string;
  district_code: string;
  founded_year: number | null;
  tax_code: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  address: string | null;
  representative: string | null;
  registered_by: string | null;
  created_at: Date;
  contact_updated_by: string | null;
  contact_updated_at: Date | null;
  commune_code: string | null;
  legacy_commune_code: string | null;
  legacy_district_code: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads of the `organisations` read model (OrganisationProjection is its only writer). */
@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(organisationId: string): Promise<OrganisationRow | undefined> {
    if (!UUID.test(organisationId)) return undefined;
    const [row]: OrganisationRow[] = await this.db.query(`SELECT * FROM organisations WHERE organisation_id = $1`, [organisationId]);
    return row;
  }

  async cycleExists(provinceCode: string, year: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM cycles WHERE province_code = $1 AND cycle_year = $2`, [provinceCode, year]);
    return rows.length > 0;
  }

  /** A page of the organisations the scope allows, by name; `total` counts every match. */
  async list(
    scope: ListScope,
    filters: { district?: string; producerType?: string; q?: string },
    limit: number,
    offset: number,
  ): Promise<{ rows: OrganisationRow[]; total: number }> {
    const where = `($1::uuid IS NULL OR organisation_id = $1) AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR province_code = $3)
                   AND ($4::text IS NULL OR district_code = $4) AND ($5::text IS NULL OR producer_type = $5)
                   AND (cardinality($6::text[]) = 0 OR NOT EXISTS (SELECT 1 FROM unnest($6::text[]) w WHERE NOT (${SEARCH_KEY} LIKE w)))
                   AND ($7::text IS NULL OR commune_code = $7)`;
    // A producer without an organisation (scope '-') sees nothing: never cast '-' to uuid.
    const organisation =
      scope.organisationId === undefined
        ? null
        : UUID.test(scope.organisationId)
          ? scope.organisationId
          : '00000000-0000-0000-0000-000000000000';
    const params = [
      organisation,
      scope.districtCode ?? null,
      scope.provinceCode ?? null,
      filters.district ?? null,
      filters.producerType ?? null,
      searchPatterns(filters.q),
      scope.communeCode ?? null,
    ];
    const [rows, [count]] = await Promise.all([
      this.db.query(`SELECT * FROM organisations WHERE ${where} ORDER BY name, organisation_id LIMIT $8 OFFSET $9`, [
        ...params,
        limit,
        offset,
      ]),
      this.db.query(`SELECT count(*)::int AS total FROM organisations WHERE ${where}`, params),
    ]);
    return { rows, total: count.total };
  }
}
