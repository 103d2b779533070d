import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { PRODUCTS } from './read-model-tables';
import { count, get, insert, num, Payload, ProjectionRule, str, update } from './read-model';

/**
 * Keeps `products` and the cycle's `cycle_progress` counters in step with the journey events (stream
 * `product:<id>:<year>`). Every journey event carries the stage the journey is in after it, so one rule serves them
 * all. A product is counted in the cell of its stage (its province, year, district and group); a cell whose count
 * falls to 0 stays. Times come from the events, never from the clock, so a rebuild gives the same rows.
 */
export const PRODUCT_PROJECTION: ProjectionRule = {
  name: 'products',
  selects: [
    { streamPrefix: 'product:', types: ['IdeaSubmitted'] },
    { streamPrefix: 'product:', payloadKey: 'stage' },
  ],
  *project(event) {
    const p = event.payload as Payload;
    if (event.type === 'IdeaSubmitted') {
      const stage = str(p.stage) ?? 'awaiting_idea_review';
      const row = {
        product_id: p.productId,
        organisation_id: p.organisationId,
        name: p.name,
        product_group: p.productGroup,
        province_code: p.provinceCode,
        district_code: p.districtCode,
        cycle_year: p.cycleYear,
        rule_set: p.ruleSet,
        stage,
        workflow_id: p.workflowId,
        submitted_by: event.actor,
        submitted_at: event.occurredAt,
        last_event_position: event.position,
        updated_at: event.occurredAt,
        stars: null,
        due_at: str(p.dueAt),
        certificate_no: null,
        session_id: null,
        reason: null,
        commune_code: str(p.communeCode),
        previous_certificate_no: str(p.previousCertificateNo),
      };
      yield insert(PRODUCTS, row);
      // Counted in the cell of the stream's products row: the one just inserted (its workflow id is the stream).
      const counted = p.workflowId === event.streamId ? row : yield get(PRODUCTS, [event.streamId]);
      if (counted) yield count(counted, stage, 1);
      return;
    }
    const stage = str(p.stage);
    if (!stage) return;
    const before = yield get(PRODUCTS, [event.streamId], true);
    if (!before) return;
    yield update(PRODUCTS, before, {
      ...before,
      stage,
      stars: num(p.stars) ?? before.stars,
      due_at: str(p.dueAt),
      certificate_no: str(p.certificateNo) ?? before.certificate_no,
      session_id: 'sessionId' in p ? str(p.sessionId) : before.session_id,
      reason: str(p.reason) ?? before.reason,
      name: str(p.newName) ?? before.name,
      last_event_position: event.position,
      updated_at: event.occurredAt,
    });
    if (before.stage !== stage) {
      yield count(before, before.stage, -1);
      yield count(before, stage, 1);
    }
  },
};

@Injectable()
export class ProductProjection {
  readonly rule = PRODUCT_PROJECTION;

  apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    return projectLive(manager, this.rule, event);
  }
}
