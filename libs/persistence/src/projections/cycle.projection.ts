import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Keeps `cycles` in step with the annual cycles (stream `cycle:<province>:<year>`): opened, then dates moved. */
@Injectable()
export class CycleProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const p = event.payload as Payload;
    switch (event.type) {
      case 'CycleOpened':
        await manager.query(
          `INSERT INTO cycles (province_code, cycle_year, rule_set, calendar, targets, day_length_ms, status, opened_by, opened_at, workflow_id,
                               last_event_position, updated_at)
           VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, 'open', $7, $8, $9, $10, $8)`,
          [p.provinceCode, p.year, p.ruleSet, JSON.stringify(p.calendar), JSON.stringify(p.targets ?? {}), num(p.dayLengthMs), event.actor, event.occurredAt, event.streamId, event.position],
        );
        return;
      case 'CycleDateMoved':
        // The event carries the whole calendar after the move: it replaces the stored one.
        await manager.query(`UPDATE cycles SET calendar = $2::jsonb, last_event_position = $3, updated_at = $4 WHERE workflow_id = $1`, [
          event.streamId,
          JSON.stringify(p.calendar),
          event.position,
          event.occurredAt,
        ]);
        return;
      default:
        return;
    }
  }
}
