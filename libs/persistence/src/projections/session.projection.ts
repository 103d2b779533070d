import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { SESSION_PRODUCTS, SESSIONS } from './read-model-tables';
import { get, insert, Payload, ProjectionRule, update, upsert } from './read-model';

/** The council as SessionOpened names it: `[{ memberId, name }]`. */
const members = (p: Payload): { memberId: string; name?: string }[] =>
  Array.isArray(p.members) ? (p.members as { memberId: string; name?: string }[]) : [];

/** Keeps `sessions` and `session_products` in step with the council sessions' events (stream `session:<id>`). */
export const SESSION_PROJECTION: ProjectionRule = {
  name: 'sessions',
  selects: [{ streamPrefix: 'session:', types: ['SessionOpened', 'ProductEntered', 'ProductScored', 'SessionClosed'] }],
  *project(event) {
    const p = event.payload as Payload;
    const sessionId = event.streamId.slice('session:'.length);
    if (event.type === 'SessionOpened') {
      yield insert(SESSIONS, {
        session_id: sessionId,
        level: p.level,
        area_code: p.areaCode,
        province_code: p.provinceCode,
        cycle_year: p.cycleYear,
        session_date: p.sessionDate,
        status: 'open',
        products_entered: 0,
        products_scored: 0,
        last_event_position: event.position,
        updated_at: event.occurredAt,
        chair_id: p.chairId ?? null,
        member_ids: members(p).map((m) => m.memberId),
        members: JSON.stringify(members(p)),
        opened_by: event.actor,
      });
      return;
    }
    if (event.type === 'ProductScored' && p.outcome !== 'scored') return; // not scored: it waits for the next session
    const before = yield get(SESSIONS, [sessionId], true);
    if (!before) return;
    yield update(SESSIONS, before, {
      ...before,
      ...(event.type === 'ProductEntered'
        ? { products_entered: (before.products_entered as number) + 1 }
        : event.type === 'ProductScored'
          ? { products_scored: (before.products_scored as number) + 1 }
          : { status: 'closed' }),
      last_event_position: event.position,
      updated_at: event.occurredAt,
    });
    if (event.type === 'ProductEntered' && typeof p.productId === 'string') {
      yield upsert(SESSION_PRODUCTS, {
        session_id: sessionId,
        product_id: p.productId,
        entered_at: event.occurredAt,
        last_event_position: event.position,
      });
    }
  },
};

@Injectable()
export class SessionProjection {
  readonly rule = SESSION_PROJECTION;

  apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    return projectLive(manager, this.rule, event);
  }
}
