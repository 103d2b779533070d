import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { LAB_REQUESTS, PRODUCTS } from './read-model-tables';
import { get, insert, Payload, ProjectionRule, str, update } from './read-model';

/**
 * Keeps `lab_requests` in step with a journey's lab testing (stream `product:<id>:<year>`). The product's fields
 * come from its `products` row (the products projection runs first). `results` is what the lab's verdict says:
 * every indicator on a pass, the failed ones (`passed: false`) on a fail, nothing when the results were overdue.
 */
export const LAB_REQUEST_PROJECTION: ProjectionRule = {
  name: 'lab_requests',
  selects: [{ streamPrefix: 'product:', types: ['LabTestRequested', 'LabTestPassed', 'LabTestFailed'] }],
  *project(event) {
    const p = event.payload as Payload;
    if (event.type === 'LabTestRequested') {
      // The journey records the request after moving to awaiting_lab_test with the lab's due date: dueAt is it.
      const product = yield get(PRODUCTS, [event.streamId]);
      if (!product) return;
      yield insert(LAB_REQUESTS, {
        request_id: p.requestId,
        product_id: product.product_id,
        workflow_id: product.workflow_id,
        cycle_year: product.cycle_year,
        province_code: product.province_code,
        district_code: product.district_code,
        product_group: str(p.productGroup) ?? product.product_group,
        product_name: product.name,
        lab_id: p.labId,
        attempt: p.attempt,
        status: 'requested',
        requested_at: event.occurredAt,
        due_at: str(p.dueAt),
        results: null,
        decided_at: null,
        last_event_position: event.position,
        updated_at: event.occurredAt,
      });
      return;
    }
    const before = yield get(LAB_REQUESTS, [p.requestId], true);
    if (!before) return;
    const passed = event.type === 'LabTestPassed';
    const results = passed
      ? p.indicators
      : Array.isArray(p.failedIndicators)
        ? p.failedIndicators.map((indicator) => ({ indicator, passed: false }))
        : null;
    yield update(LAB_REQUESTS, before, {
      ...before,
      status: passed ? 'passed' : p.overdue === true ? 'overdue' : 'failed',
      results: results == null ? null : JSON.stringify(results),
      decided_at: event.occurredAt,
      last_event_position: event.position,
      updated_at: event.occurredAt,
    });
  },
};

@Injectable()
export class LabRequestProjection {
  readonly rule = LAB_REQUEST_PROJECTION;

  apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    return projectLive(manager, this.rule, event);
  }
}
