import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

/** Keeps the `products` read model in step with the product events. */
@Injectable()
export class ProductProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    switch (event.type) {
      // A submitted idea waits for a district coordinator's review.
      case 'IdeaSubmitted': {
        const p = (event as StoredEvent<'IdeaSubmitted'>).payload;
        await manager.query(
          `INSERT INTO products (product_id, organisation_id, name, product_group, province_code, district_code, cycle_year,
                                 rule_set, stage, workflow_id, submitted_by, submitted_at, last_event_position, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'awaiting_idea_review', $9, $10, $11, $12, $11)`,
          [p.productId, p.organisationId, p.name, p.productGroup, p.provinceCode, p.districtCode, p.cycleYear, p.ruleSet, p.workflowId, event.actor, event.occurredAt, event.position],
        );
        return;
      }
    }
  }
}
