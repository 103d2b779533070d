import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LabRequestRow {
  readonly requestId: string;
  readonly productId: string;
  readonly workflowId: string;
  readonly cycleYear: number;
  readonly provinceCode: string;
  readonly districtCode: string;
  readonly productGroup: string;
  readonly productName: string;
  readonly labId: string;
  readonly attempt: number;
  readonly status: string;
  readonly requestedAt: Date;
  readonly dueAt: Date | null;
  readonly results: { indicator: string; value?: string; passed: boolean }[] | null;
  readonly decidedAt: Date | null;
}

const COLUMNS = `
  request_id AS "requestId", product_id AS "productId", workflow_id AS "workflowId", cycle_year AS "cycleYear",
  province_code AS "provinceCode", district_code AS "districtCode", product_group AS "productGroup", product_name AS "productName",
  lab_id AS "labId", attempt, status, requested_at AS "requestedAt", due_at AS "dueAt", results, decided_at AS "decidedAt"`;

/** Reads of the lab_requests read model (the product journeys' events are its only writer). */
@Injectable()
export class LabRequestsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Requests addressed to the lab (all when labId is undefined), the open ones by due date first. */
  list(filter: { labId?: string; status?: string }): Promise<LabRequestRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM lab_requests
        WHERE ($1::text IS NULL OR lab_id = $1) AND ($2::text IS NULL OR status = $2)
        ORDER BY (status = 'requested') DESC, due_at NULLS LAST, requested_at DESC, request_id
        LIMIT 500`,
      [filter.labId ?? null, filter.status ?? null],
    );
  }

  async find(requestId: string): Promise<LabRequestRow | undefined> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM lab_requests WHERE request_id = $1`, [requestId]);
    return row;
  }
}
