import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface InspectionRow {
  readonly certificate_no: string;
  readonly round: number;
  readonly inspector_id: string | null;
  readonly product_id: string;
  readonly product_name: string | null;
  readonly organisation_id: string;
  readonly province_code: string;
  readonly stars: number | null;
  readonly certificate_status: string | null;
  readonly status: string;
  readonly due_at: Date;
  readonly report_due_at: Date;
  readonly remediation_due_at: Date | null;
  readonly verdict: string | null;
  readonly re_inspection_verdict: string | null;
  readonly requested_at: Date;
}

const SELECT = `
  SELECT i.certificate_no, i.round, i.inspector_id, i.product_id,
         c.product_name, i.organisation_id, i.province_code, c.stars,
         c.status AS certificate_status, i.status, i.due_at, i.report_due_at,
         i.remediation_due_at, i.verdict, i.re_inspection_verdict, i.requested_at
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
