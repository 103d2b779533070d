import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface InspectionRow {
  readonly certificateNo: string;
  readonly round: number;
  readonly inspectorId: string | null;
  readonly productId: string;
  readonly productName: string | null;
  readonly organisationId: string;
  readonly provinceCode: string;
  readonly stars: number | null;
  readonly certificateStatus: string | null;
  readonly status: string;
  readonly dueAt: Date;
  readonly reportDueAt: Date;
  readonly remediationDueAt: Date | null;
  readonly verdict: string | null;
  readonly reInspectionVerdict: string | null;
  readonly requestedAt: Date;
}

const SELECT = `
  SELECT i.certificate_no AS "certificateNo", i.round, i.inspector_id AS "inspectorId", i.product_id AS "productId",
         c.product_name AS "productName", i.organisation_id AS "organisationId", i.province_code AS "provinceCode", c.stars,
         c.status AS "certificateStatus", i.status, i.due_at AS "dueAt", i.report_due_at AS "reportDueAt",
         i.remediation_due_at AS "remediationDueAt", i.verdict, i.re_inspection_verdict AS "reInspectionVerdict", i.requested_at AS "requestedAt"
    FROM inspections i LEFT JOIN certificates c ON c.certificate_no = i.certificate_no`;

/** Reads of the inspections read model (the certificate lifecycles' events are its only writer). */
@Injectable()
export class InspectionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inspections assigned to the agency (all when inspectorId is undefined), the open ones by report due date first. */
  list(filter: { inspectorId?: string; status?: string }): Promise<InspectionRow[]> {
    return this.db.query(
      `${SELECT}
        WHERE ($1::text IS NULL OR COALESCE(i.inspector_id, c.inspector_id) = $1) AND ($2::text IS NULL OR i.status = $2)
        ORDER BY (i.status IN ('requested', 'failed')) DESC, i.report_due_at, i.certificate_no, i.round
        LIMIT 500`,
      [filter.inspectorId ?? null, filter.status ?? null],
    );
  }

  /** The certificate's latest round. */
  async latest(certificateNo: string): Promise<InspectionRow | undefined> {
    const [row] = await this.db.query(`${SELECT} WHERE i.certificate_no = $1 ORDER BY i.round DESC LIMIT 1`, [certificateNo]);
    return row;
  }
}
