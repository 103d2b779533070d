import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * Keeps `products` and the cycle's `cycle_progress` counters in step with the journey events. Every journey event
 * carries the stage the journey is in after it, so one rule serves them all. Times come from the events, never
 * from the clock, so a rebuild gives the same rows.
 */
@Injectable()
export class ProductProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const p = event.payload as Payload;
    if (event.type === 'IdeaSubmitted') {
      const stage = str(p.stage) ?? 'awaiting_idea_review';
      await manager.query(
        `INSERT INTO products (product_id, organisation_id, name, product_group, province_code, district_code, cycle_year,
                               rule_set, stage, workflow_id, submitted_by, submitted_at, due_at, last_event_position, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $12)`,
        [p.productId, p.organisationId, p.name, p.productGroup, p.provinceCode, p.districtCode, p.cycleYear, p.ruleSet, stage, p.workflowId, event.actor, event.occurredAt, str(p.dueAt), event.position],
      );
      await this.count(manager, event.streamId, stage, 1);
      return;
    }
    const stage = str(p.stage);
    if (!stage) return;
    const [before]: { stage: string }[] = await manager.query(`SELECT stage FROM products WHERE workflow_id = $1`, [event.streamId]);
    if (!before) return;
    await manager.query(
      `UPDATE products SET stage = $2,
              stars = COALESCE($3, stars),
              due_at = $4,
              certificate_no = COALESCE($5, certificate_no),
              session_id = CASE WHEN $6 THEN $7 ELSE session_id END,
              reason = COALESCE($8, reason),
              name = COALESCE($9, name),
              last_event_position = $10, updated_at = $11
        WHERE workflow_id = $1`,
      [event.streamId, stage, num(p.stars), str(p.dueAt), str(p.certificateNo), 'sessionId' in p, str(p.sessionId), str(p.reason), str(p.newName), event.position, event.occurredAt],
    );
    if (before.stage !== stage) {
      await this.count(manager, event.streamId, before.stage, -1);
      await this.count(manager, event.streamId, stage, 1);
    }
  }

  private async count(manager: EntityManager, workflowId: string, stage: string, delta: 1 | -1): Promise<void> {
    // A CHECK applies to the row an INSERT proposes even when ON CONFLICT would turn it into an update, so a
    // decrement is a plain UPDATE (its row exists: the product was counted there when it arrived).
    if (delta < 0) {
      await manager.query(
        `UPDATE cycle_progress c SET products = c.products - 1
           FROM products p
          WHERE p.workflow_id = $1 AND c.province_code = p.province_code AND c.cycle_year = p.cycle_year
            AND c.stage = $2 AND c.district_code = p.district_code AND c.product_group = p.product_group`,
        [workflowId, stage],
      );
      return;
    }
    await manager.query(
      `INSERT INTO cycle_progress (province_code, cycle_year, stage, district_code, product_group, products)
       SELECT province_code, cycle_year, $2, district_code, product_group, 1 FROM products WHERE workflow_id = $1
       ON CONFLICT ON CONSTRAINT pk_cycle_progress DO UPDATE SET products = cycle_progress.products + 1`,
      [workflowId, stage],
    );
  }
}
