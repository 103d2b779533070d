import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Keeps `lab_requests` in step with a journey's lab testing (stream `product:<id>:<year>`). The product's fields
 * come from its `products` row (the products projection runs first). `results` is what the lab's verdict says:
 * every indicator on a pass, the failed ones (`passed: false`) on a fail, nothing when the results were overdue.
 */
@Injectable()
export class LabRequestProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const p = event.payload as Payload;
    switch (event.type) {
      case 'LabTestRequested':
        // The journey records the request after moving to awaiting_lab_test with the lab's due date: dueAt is it.
        await manager.query(
          `INSERT INTO lab_requests (request_id, product_id, workflow_id, cycle_year, province_code, district_code, product_group, product_name,
                                     lab_id, attempt, status, requested_at, due_at, last_event_position, updated_at)
           SELECT $1, product_id, workflow_id, cycle_year, province_code, district_code, COALESCE($2, product_group), name,
                  $3, $4, 'requested', $5, $6, $7, $5
             FROM products WHERE workflow_id = $8`,
          [p.requestId, str(p.productGroup), p.labId, p.attempt, event.occurredAt, str(p.dueAt), event.position, event.streamId],
        );
        return;
      case 'LabTestPassed':
      case 'LabTestFailed': {
        const status = event.type === 'LabTestPassed' ? 'passed' : p.overdue === true ? 'overdue' : 'failed';
        const results =
          event.type === 'LabTestPassed'
            ? p.indicators
            : Array.isArray(p.failedIndicators)
              ? p.failedIndicators.map((indicator) => ({ indicator, passed: false }))
              : null;
        await manager.query(
          `UPDATE lab_requests SET status = $2, results = $3::jsonb, decided_at = $4, last_event_position = $5, updated_at = $4
            WHERE request_id = $1`,
          [p.requestId, status, results == null ? null : JSON.stringify(results), event.occurredAt, event.position],
        );
        return;
      }
      default:
        return;
    }
  }
}
