import type { TimelineRow } from './products.repository';
import { weave } from './timeline';

const at = (minute: number) => new Date(Date.UTC(2021, 5, 1, 2, minute));
const journey = (seq: number, minute: number): TimelineRow => ({
  stream_seq: seq,
  stream_id: 'product:p:2021',
  event_id: `j${seq}`,
  type: `J${seq}`,
  payload: {},
  actor: 'system:x',
  occurred_at: at(minute),
  actor_name: null,
});
const card = (member: string, minute: number): TimelineRow => ({
  ...journey(0, minute),
  stream_id: 'session:s',
  event_id: member,
  type: `card-${member}`,
  actor: `council_member:${member}`,
});

describe('weave: the journey keeps its order, each scorecard goes before the first journey event recorded after it', () => {
  it.each([
    ['no scorecards', [journey(1, 0), journey(2, 5)], [], ['J1', 'J2']],
    [
      'cards between entry and result',
      [journey(1, 0), journey(2, 5), journey(3, 30)],
      [card('a', 10), card('b', 12)],
      ['J1', 'J2', 'card-a', 'card-b', 'J3'],
    ],
    [
      'a card at the same instant as a journey event comes after it',
      [journey(1, 0), journey(2, 10)],
      [card('a', 10)],
      ['J1', 'J2', 'card-a'],
    ],
    ['cards after the last journey event', [journey(1, 0)], [card('a', 10)], ['J1', 'card-a']],
    [
      'journey events with out-of-order clocks keep their stream order',
      [journey(1, 5), journey(2, 3), journey(3, 20)],
      [card('a', 10)],
      ['J1', 'J2', 'card-a', 'J3'],
    ],
  ])('%s', (_what, events, cards, expected) => {
    expect(weave(events, cards).map((e) => e.type)).toEqual(expected);
  });
});
