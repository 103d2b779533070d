import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredEvent } from '@ocop/contracts';
import { projectLive } from './live-store';
import { CYCLES } from './read-model-tables';
import { get, insert, num, Payload, ProjectionRule, update } from './read-model';

/** Keeps `cycles` in step with the annual cycles (stream `cycle:<province>:<year>`): opened, then dates moved. */
export const CYCLE_PROJECTION: ProjectionRule = {
  name: 'cycles',
  selects: [{ streamPrefix: 'cycle:', types: ['CycleOpened', 'CycleDateMoved'] }],
  *project(event) {
    const p = event.payload as Payload;
    if (event.type === 'CycleOpened') {
      yield insert(CYCLES, {
        province_code: p.provinceCode,
        cycle_year: p.year,
        rule_set: p.ruleSet,
        calendar: JSON.stringify(p.calendar),
        targets: JSON.stringify(p.targets ?? {}),
        day_length_ms: num(p.dayLengthMs),
        status: 'open',
        opened_by: event.actor,
        opened_at: event.occurredAt,
        workflow_id: event.streamId,
        last_event_position: event.position,
        updated_at: event.occurredAt,
      });
      return;
    }
    // CycleDateMoved: the event carries the whole calendar after the move, which replaces the stored one.
    const before = yield get(CYCLES, [event.streamId], true);
    if (!before) return;
    yield update(CYCLES, before, {
      ...before,
      calendar: JSON.stringify(p.calendar),
      last_event_position: event.position,
      updated_at: event.occurredAt,
    });
  },
};

@Injectable()
export class CycleProjection {
  readonly rule = CYCLE_PROJECTION;

  apply(manager: EntityManager, event: StoredEvent): Promise<void> {
    return projectLive(manager, this.rule, event);
  }
}
