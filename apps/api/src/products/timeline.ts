import type { TimelineRow } from './products.repository';

/** The journey's events in their order, each other event placed before the first journey event recorded after it. */
export function weave(journey: readonly TimelineRow[], others: readonly TimelineRow[]): TimelineRow[] {
  const woven: TimelineRow[] = [];
  let next = 0;
  for (const event of journey) {
    const at = new Date(event.occurred_at).getTime();
    while (next < others.length && new Date(others[next]!.occurred_at).getTime() < at) woven.push(others[next++]!);
    woven.push(event);
  }
  return [...woven, ...others.slice(next)];
}
