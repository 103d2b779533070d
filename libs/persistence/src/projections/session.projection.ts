import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';

type Payload = Record<string, unknown>;
/** The council as SessionOpened names it: `[{ memberId, name }]`. */
const members = (p: Payload): { memberId: string; name?: string }[] => (Array.isArray(p.members) ? (p.members as { memberId: string; name?: string }[]) : []);

/** Keeps `sessions` in step with the council sessions' events. */
@Injectable()
export class SessionProjection {
  async apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    const p = event.payload as Payload;
    const sessionId = event.streamId.slice('session:'.length);
    switch (event.type) {
      case 'SessionOpened':
        await manager.query(
          `INSERT INTO sessions (session_id, level, area_code, province_code, cycle_year, session_date, status, last_event_position, updated_at,
                                 chair_id, member_ids, members, opened_by)
           VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10::text[], $11::jsonb, $12)`,
          [sessionId, p.level, p.areaCode, p.provinceCode, p.cycleYear, p.sessionDate, event.position, event.occurredAt,
           p.chairId ?? null, members(p).map((m) => m.memberId), JSON.stringify(members(p)), event.actor],
        );
        return;
      case 'ProductEntered':
      case 'ProductScored':
      case 'SessionClosed': {
        if (event.type === 'ProductScored' && p.outcome !== 'scored') return; // not scored: it waits for the next session
        const column = { ProductEntered: 'products_entered', ProductScored: 'products_scored', SessionClosed: undefined }[event.type];
        await manager.query(
          `UPDATE sessions SET ${column ? `${column} = ${column} + 1,` : `status = 'closed',`} last_event_position = $2, updated_at = $3 WHERE session_id = $1`,
          [sessionId, event.position, event.occurredAt],
        );
        return;
      }
      default:
        return;
    }
  }
}
