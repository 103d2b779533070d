import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { certificateDocument } from '@ocop/certificates';
import type { ListScope } from '../auth/access.policy';
import { effectiveStatusSql } from './certificate-status';
import { searchKeySql, searchPatterns } from '@ocop/domain';

const SEARCH_KEY = searchKeySql(`c.certificate_no || ' ' || c.product_name || ' ' || coalesce(o.name, '')`);

export interface CertificateRow {
  certificate_no: string;
  product_id: string;
  organisation_id: string;
  producer_name: string | null;
  product_name: string;
  province_code: string;
  district_code: string;
  product_group: string;
  stars: number;
  status: string;
  issued_at: Date;
  expires_at: Date;
  superseded_by: string | null;
  supersedes: string | null;
  status_reason: string | null;
  inspector_id: string | null;
  cycle_year: number | null;
  updated_at: Date;
}

export interface InspectionRow {
  round: number;
  inspector_id: string | null;
  status: string;
  due_at: Date;
  report_due_at: Date;
  remediation_due_at: Date | null;
  verdict: string | null;
  re_inspection_verdict: string | null;
  requested_at: Date;
}

export interface CertificateFilters {
  readonly cycleYear?: number;
  readonly status?: string;
  readonly stars?: number;
  readonly district?: string;
  readonly q?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

/** Reads of the `certificates` and `inspections` read models (the projections are their only writers). */
@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(certificateNo: string): Promise<CertificateRow | undefined> {
    const [row]: CertificateRow[] = await this.db.query(
      `SELECT c.*, o.name AS producer_name FROM certificates c LEFT JOIN organisations o ON o.organisation_id = c.organisation_id WHERE c.certificate_no = $1`,
      [certificateNo],
    );
    return row;
  }

  inspections(certificateNo: string): Promise<InspectionRow[]> {
    return this.db.query(
      `SELECT round, inspector_id, status, due_at, report_due_at, remediation_due_at, verdict, re_inspection_verdict, requested_at
         FROM inspections WHERE certificate_no = $1 ORDER BY round`,
      [certificateNo],
    );
  }

  /**
   * A page of the certificates the scope allows (producer: its organisation; coordinators: their district or
   * province; inspector: those whose inspections are assigned to its agency), newest first; `total` counts all.
   */
  async list(
    scope: ListScope,
    filters: CertificateFilters,
    limit: number,
    offset: number,
    now: Date,
  ): Promise<{ rows: CertificateRow[]; total: number }> {
    const organisation =
      scope.organisationId === undefined ? null : UUID.test(scope.organisationId) ? scope.organisationId : NO_ORGANISATION;
    const params = [
      organisation,
      scope.districtCode ?? null,
      scope.provinceCode ?? null,
      scope.agencyId ?? null,
      filters.cycleYear ?? null,
      filters.status ?? null,
      filters.stars ?? null,
      filters.district ?? null,
      now,
      searchPatterns(filters.q),
    ];
    const where = `($1::uuid IS NULL OR c.organisation_id = $1)
        AND ($2::text IS NULL OR c.district_code = $2)
        AND ($3::text IS NULL OR c.province_code = $3)
        AND ($4::text IS NULL OR c.inspector_id = $4 OR EXISTS (SELECT 1 FROM inspections i WHERE i.certificate_no = c.certificate_no AND i.inspector_id = $4))
        AND ($5::int IS NULL OR c.cycle_year = $5)
        AND ($6::text IS NULL OR ${effectiveStatusSql('c', '$9::timestamptz')} = $6)
        AND ($7::int IS NULL OR c.stars = $7)
        AND ($8::text IS NULL OR c.district_code = $8)
        AND (cardinality($10::text[]) = 0 OR NOT EXISTS (SELECT 1 FROM unnest($10::text[]) w WHERE NOT (${SEARCH_KEY} LIKE w)))`;
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT c.*, o.name AS producer_name FROM certificates c LEFT JOIN organisations o ON o.organisation_id = c.organisation_id
          WHERE ${where} ORDER BY c.issued_at DESC, c.certificate_no LIMIT $11 OFFSET $12`,
        [...params, limit, offset],
      ),
      this.db.query(
        `SELECT count(*)::int AS total FROM certificates c LEFT JOIN organisations o ON o.organisation_id = c.organisation_id WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total: count.total };
  }

  /** The printable certificate (libs/certificates reads what it prints); undefined when there is no such certificate. */
  document(certificateNo: string, publicBaseUrl: string): Promise<string | undefined> {
    return certificateDocument(this.db, certificateNo, publicBaseUrl);
  }
}
