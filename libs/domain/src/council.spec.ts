import {
  aggregateScores,
  hasQuorum,
  MAX_SPREAD_POINTS,
  memberTotal,
  outlyingMembers,
  quorumSize,
  roundScore,
  Scorecard,
  scorecardProblem,
  scoringOpensAt,
} from './council';
import { RuleSetCode } from './reference-data';

const card = (memberId: string, A: number, B: number, C: number): Scorecard => ({ memberId, parts: { A, B, C } });
const totals = (entries: Record<string, number>) => Object.entries(entries).map(([memberId, total]) => ({ memberId, total }));

describe('MAX_SPREAD_POINTS', () => {
  it('comes from the council rules', () => {
    expect(MAX_SPREAD_POINTS).toBe(10);
  });
});

describe('scorecardProblem', () => {
  // 1048/2019: A 35, B 25, C 40. 148/2023 and 1489/2025: A 40, B 25, C 35.
  it.each<[RuleSetCode, Record<string, unknown>, { part: string; max: number } | undefined]>([
    ['QD1048-2019', { A: 35, B: 25, C: 40 }, undefined],
    ['QD1048-2019', { A: 0, B: 0, C: 0 }, undefined],
    ['QD1048-2019', { A: 12.34, B: 0.07, C: 39.99 }, undefined],
    ['QD1048-2019', { A: 0.29, B: 0.57, C: 1.15 }, undefined],
    ['QD1048-2019', { A: 35.01, B: 25, C: 40 }, { part: 'A', max: 35 }],
    ['QD1048-2019', { A: 40, B: 25, C: 35 }, { part: 'A', max: 35 }],
    ['QD148-2023', { A: 40, B: 25, C: 35 }, undefined],
    ['QD148-2023', { A: 35, B: 25, C: 40 }, { part: 'C', max: 35 }],
    ['QD148-2023', { A: 40, B: 25, C: 35.01 }, { part: 'C', max: 35 }],
    ['QD148-2023', { A: 40.01, B: 25, C: 35 }, { part: 'A', max: 40 }],
    ['QD1489-2025', { A: 40, B: 25, C: 35 }, undefined],
    ['QD1489-2025', { A: 40, B: 25.01, C: 35 }, { part: 'B', max: 25 }],
    ['QD1048-2019', { A: -0.01, B: 10, C: 10 }, { part: 'A', max: 35 }],
    ['QD1048-2019', { A: 12.345, B: 10, C: 10 }, { part: 'A', max: 35 }],
    ['QD1048-2019', { A: 10, C: 10 }, { part: 'B', max: 25 }],
    ['QD1048-2019', { A: 10, B: '20', C: 10 }, { part: 'B', max: 25 }],
    ['QD1048-2019', { A: 10, B: null, C: 10 }, { part: 'B', max: 25 }],
    ['QD1048-2019', { A: 10, B: Number.NaN, C: 10 }, { part: 'B', max: 25 }],
    ['QD1048-2019', { A: 10, B: Number.POSITIVE_INFINITY, C: 10 }, { part: 'B', max: 25 }],
    ['QD1048-2019', { A: 10, B: 10 }, { part: 'C', max: 40 }],
    ['QD1048-2019', { A: 99, B: 10, C: 99 }, { part: 'A', max: 35 }],
    ['QD1048-2019', { A: 10, B: 10, C: 10, D: 0 }, { part: 'D', max: 0 }],
    ['QD148-2023', { A: 10, B: 10, C: 10, z: 1, a: 1 }, { part: 'a', max: 0 }],
    ['QD148-2023', {}, { part: 'A', max: 40 }],
  ])('%s %o → %o', (code, parts, problem) => {
    expect(scorecardProblem(code, parts)).toEqual(problem && { code: 'SCORE_OUT_OF_RANGE', ...problem });
  });
});

describe('roundScore', () => {
  it.each([
    [0, 0],
    [-0, 0],
    [1.005, 1.01],
    [2.675, 2.68],
    [70.015, 70.02],
    [69.994999, 69.99],
    [49.995, 50],
    [60.599999999999994, 60.6],
    [-1.005, -1.01],
  ])('%p → %p', (value, expected) => {
    expect(Object.is(roundScore(value), expected)).toBe(true);
  });
});

describe('memberTotal', () => {
  it.each([
    [{ A: 35, B: 25, C: 40 }, 100],
    [{ A: 0, B: 0, C: 0 }, 0],
    [{ A: 10.1, B: 20.2, C: 30.3 }, 60.6],
    [{ A: 0.1, B: 0.2, C: 0 }, 0.3],
    [{ A: 12.34, B: 5.55, C: 20.01 }, 37.9],
    [{ A: 19.99, B: 10, C: 20 }, 49.99],
  ])('%o → %p', (parts, total) => {
    expect(memberTotal(parts)).toBe(total);
  });
});

describe('aggregateScores', () => {
  it.each<[string, Scorecard[], { mean: number; stars: number; spread: number }]>([
    ['one member', [card('m1', 30, 20, 30)], { mean: 80, stars: 4, spread: 0 }],
    ['three members', [card('m1', 30, 20, 30), card('m2', 25, 20, 25), card('m3', 28, 19, 28)], { mean: 75, stars: 4, spread: 10 }],
    [
      '49.995 is shown as 50 but stays 2★ (the exact mean decides)',
      [card('m1', 20, 10, 20), card('m2', 20, 10, 19.99)],
      { mean: 50, stars: 2, spread: 0.01 },
    ],
    [
      '69.99, 70, 70: shown 70, 3★',
      [card('m1', 30, 20, 19.99), card('m2', 30, 20, 20), card('m3', 30, 20, 20)],
      { mean: 70, stars: 3, spread: 0.01 },
    ],
    ['49.985 rounds to 49.99, 2★', [card('m1', 20, 10, 19.99), card('m2', 20, 10, 19.98)], { mean: 49.99, stars: 2, spread: 0.01 }],
    ['69.99 is 3★', [card('m1', 30, 20, 20), card('m2', 30, 20, 19.98)], { mean: 69.99, stars: 3, spread: 0.02 }],
    ['70 is 4★', [card('m1', 30, 20, 20), card('m2', 30, 20, 20)], { mean: 70, stars: 4, spread: 0 }],
    ['89.99 is 4★', [card('m1', 35, 25, 30), card('m2', 35, 25, 29.98)], { mean: 89.99, stars: 4, spread: 0.02 }],
    ['90 is 5★', [card('m1', 35, 25, 30), card('m2', 35, 25, 30), card('m3', 35, 25, 30)], { mean: 90, stars: 5, spread: 0 }],
    ['a mean of thirds', [card('m1', 20, 10, 40), card('m2', 20, 10, 40), card('m3', 20, 10, 40.01)], { mean: 70, stars: 4, spread: 0.01 }],
    ['spread above 10', [card('m1', 20, 10, 20), card('m2', 30, 20, 20)], { mean: 60, stars: 3, spread: 20 }],
  ])('%s', (_name, cards, expected) => {
    const score = aggregateScores(cards);
    expect({ mean: score.mean, stars: score.stars, spread: score.spread }).toEqual(expected);
  });

  it('lists each member total in card order and the mean of each part', () => {
    const score = aggregateScores([card('m2', 25, 20, 25), card('m1', 30, 20, 30), card('m3', 28, 19, 28)]);
    expect(score.totals).toEqual([
      { memberId: 'm2', total: 70 },
      { memberId: 'm1', total: 80 },
      { memberId: 'm3', total: 75 },
    ]);
    expect(score.perPartMean).toEqual({ A: 27.67, B: 19.67, C: 27.67 });
  });

  it.each<[string, Scorecard[]]>([
    ['no scorecard', []],
    ['two cards of one member', [card('m1', 30, 20, 30), card('m1', 30, 20, 29)]],
  ])('refuses %s', (_name, cards) => {
    expect(() => aggregateScores(cards)).toThrow(RangeError);
  });
});

describe('outlyingMembers', () => {
  it.each<[string, { memberId: string; total: number }[], number | undefined, string[]]>([
    ['no totals', [], undefined, []],
    ['one member', totals({ m1: 55 }), undefined, []],
    ['a spread of exactly 10', totals({ m1: 70, m2: 80 }), undefined, []],
    ['a spread of 10 in binary fractions', totals({ m1: 70.1, m2: 80.1 }), undefined, []],
    ['a spread of 10.01 between two: both are 5.005 off the median', totals({ m1: 70, m2: 80.01 }), undefined, ['m1', 'm2']],
    ['exactly 5 off the median stays', totals({ a: 70, b: 75, c: 80.01 }), undefined, ['c']],
    ['one low outlier among four', totals({ a: 60, b: 75, c: 76, d: 77 }), undefined, ['a']],
    ['outliers on both sides, sorted by id', totals({ z: 50, y: 75, x: 76, w: 100 }), undefined, ['w', 'z']],
    ['a tighter allowed spread', totals({ a: 70, b: 75 }), 4, ['a', 'b']],
    ['a looser allowed spread', totals({ a: 60, b: 75 }), 15, []],
  ])('%s', (_name, memberTotals, maxSpread, expected) => {
    expect(outlyingMembers(memberTotals, maxSpread)).toEqual(expected);
  });
});

describe('quorumSize', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 4],
    [7, 6],
    [8, 6],
    [9, 7],
    [10, 8],
    [11, 9],
    [12, 9],
  ])('%p members need %p present', (members, quorum) => {
    expect(quorumSize(members)).toBe(quorum);
  });

  it.each([-1, 2.5, Number.NaN])('refuses a member count of %p', (members) => {
    expect(() => quorumSize(members)).toThrow(RangeError);
  });
});

describe('hasQuorum', () => {
  const eight = ['chair', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']; // quorum 6
  it.each<[string, string[], string[], string, boolean]>([
    ['6 of 8 with the chair', eight, ['chair', 'm1', 'm2', 'm3', 'm4', 'm5'], 'chair', true],
    ['5 of 8 with the chair', eight, ['chair', 'm1', 'm2', 'm3', 'm4'], 'chair', false],
    ['all 8', eight, eight, 'chair', true],
    ['7 of 8 without the chair', eight, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'], 'chair', false],
    ['repeated ids count once', eight, ['chair', 'm1', 'm1', 'm1', 'm2', 'm3'], 'chair', false],
    ['outsiders do not count', eight, ['chair', 'm1', 'm2', 'm3', 'm4', 'guest'], 'chair', false],
    ['3 of 4 with the chair', ['c', 'a', 'b', 'd'], ['c', 'a', 'b'], 'c', true],
    ['3 of 4 without the chair', ['c', 'a', 'b', 'd'], ['a', 'b', 'd'], 'c', false],
    ['2 of 4 with the chair', ['c', 'a', 'b', 'd'], ['c', 'a'], 'c', false],
    ['a chair who is not a member', ['a', 'b', 'd', 'e'], ['c', 'a', 'b', 'd', 'e'], 'c', false],
    ['no members', [], ['c'], 'c', false],
  ])('%s → %p', (_name, members, present, chair, expected) => {
    expect(hasQuorum(members, present, chair)).toBe(expected);
  });
});

describe('scoringOpensAt: a council scores from the start of its session’s local day (Vietnam time)', () => {
  const opened = Date.parse('2021-06-01T03:00:00Z'); // 10:00 local, 1 June
  it.each([
    ['a session on 10 June at 09:00 local opens at 00:00 local that day', '2021-06-10T02:00:00Z', undefined, '2021-06-09T17:00:00.000Z'],
    ['a session at 23:30 local opens at 00:00 local the same day', '2021-06-10T16:30:00Z', undefined, '2021-06-09T17:00:00.000Z'],
    ['a session at 00:30 local opens half an hour earlier', '2021-06-09T17:30:00Z', undefined, '2021-06-09T17:00:00.000Z'],
    ['a session today opens at once (its day began)', '2021-06-01T09:00:00Z', undefined, '2021-05-31T17:00:00.000Z'],
    [
      'on a compressed calendar (a day of 1 s), 8 days 14 h ahead is 8.583 s ahead',
      '2021-06-10T02:00:00Z',
      1000,
      '2021-06-01T03:00:08.583Z',
    ],
  ])('%s', (_what, sessionDate, dayMs, expected) => {
    expect(scoringOpensAt(sessionDate, opened, dayMs).toISOString()).toBe(expected);
  });
});
