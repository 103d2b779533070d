import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LabRequestRow {
  readonly request_id: string;
  readonly product_id: string;
  readonly workflow_id: string;
  readonly cycle_year: number;
  readonly province_code: string;
  readonly district_code: string;
  readonly product_group: string;
  readonly product_name: string;
  readonly lab_id: string;
  readonly attempt: number;
  readonly status: string;
  readonly requested_at: Date;
  readonly due_at: Date | null;
  readonly results: { indicator: string; value?: string; passed: boolean }[] | null;
  readonly decided_at: Date | null;
}

const COLUMNS = `
  request_id, product_id, workflow_id, cycle_year,
  province_code, district_code, product_group, product_name,
  lab_id, attempt, status, requested_at, due_at, results, decided_at`;

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

  /** The retest a failed request led to (the journey's next attempt), once its journey asked for one. */
  async retestOf(requestId: string): Promise<LabRequestRow | undefined> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM lab_requests
        WHERE (workflow_id, attempt) = (SELECT workflow_id, attempt + 1 FROM lab_requests WHERE request_id = $1)
        ORDER BY requested_at DESC LIMIT 1`,
      [requestId],
    );
    return row;
  }
}
