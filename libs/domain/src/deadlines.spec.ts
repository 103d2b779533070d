import {
  addDays,
  addMonths,
  DAY_MS,
  DEFAULT_REMINDER_POLICY,
  graceEndsAt,
  ReminderPolicy,
  remindersFor,
  remindersStillAhead,
  startOfUtcDay,
} from './deadlines';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('constants', () => {
  it('a day is 86 400 000 ms and reminders default to 7 and 1 days before, then on the day, with 7 days grace', () => {
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
    expect(DEFAULT_REMINDER_POLICY).toEqual({ daysBefore: [7, 1], onMissed: true, graceDays: 7 });
  });
});

describe('startOfUtcDay', () => {
  it.each([
    ['2025-03-07T00:00:00.000Z', '2025-03-07T00:00:00.000Z'],
    ['2025-03-07T23:59:59.999Z', '2025-03-07T00:00:00.000Z'],
    ['2025-03-08T05:00:00+07:00', '2025-03-07T00:00:00.000Z'], // 22:00 UTC the day before
    ['1969-12-31T12:00:00.000Z', '1969-12-31T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(iso(startOfUtcDay(at(input)))).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-03-01T10:00:00.000Z', 0, '2025-03-01T10:00:00.000Z'],
    ['2025-03-01T10:00:00.000Z', 1, '2025-03-02T10:00:00.000Z'],
    ['2025-03-01T00:00:00.000Z', -1, '2025-02-28T00:00:00.000Z'],
    ['2024-03-01T00:00:00.000Z', -1, '2024-02-29T00:00:00.000Z'],
    ['2025-12-31T23:59:00.000Z', 1, '2026-01-01T23:59:00.000Z'],
    ['2025-01-01T00:00:00.000Z', 365, '2026-01-01T00:00:00.000Z'],
    ['2024-01-01T00:00:00.000Z', 365, '2024-12-31T00:00:00.000Z'],
  ])('%s %p days → %s', (day, n, expected) => {
    expect(iso(addDays(at(day), n))).toBe(expected);
  });

  it.each([
    [at('2025-03-01T00:00:00Z'), 0.5],
    [at('2025-03-01T00:00:00Z'), Number.NaN],
    [at('not a date'), 1],
  ])('refuses %p + %p days', (day, n) => {
    expect(() => addDays(day, n)).toThrow(RangeError);
  });

  it('does not change its argument', () => {
    const day = at('2025-03-01T00:00:00Z');
    addDays(day, 3);
    expect(iso(day)).toBe('2025-03-01T00:00:00.000Z');
  });
});

describe('addMonths', () => {
  it.each([
    ['2025-01-15T00:00:00.000Z', 0, '2025-01-15T00:00:00.000Z'],
    ['2025-01-31T00:00:00.000Z', 1, '2025-02-28T00:00:00.000Z'],
    ['2024-01-31T00:00:00.000Z', 1, '2024-02-29T00:00:00.000Z'],
    ['2025-01-31T00:00:00.000Z', 2, '2025-03-31T00:00:00.000Z'],
    ['2025-03-31T00:00:00.000Z', -1, '2025-02-28T00:00:00.000Z'],
    ['2025-05-31T00:00:00.000Z', 1, '2025-06-30T00:00:00.000Z'],
    ['2025-01-15T00:00:00.000Z', -1, '2024-12-15T00:00:00.000Z'],
    ['2025-11-15T08:30:00.000Z', 2, '2026-01-15T08:30:00.000Z'],
    ['2024-02-29T03:00:00.000Z', 12, '2025-02-28T03:00:00.000Z'],
    ['2024-02-29T03:00:00.000Z', 48, '2028-02-29T03:00:00.000Z'],
    ['2021-08-31T00:00:00.000Z', 36, '2024-08-31T00:00:00.000Z'],
    ['2025-12-31T23:59:59.999Z', 2, '2026-02-28T23:59:59.999Z'],
  ])('%s %p months → %s', (day, n, expected) => {
    expect(iso(addMonths(at(day), n))).toBe(expected);
  });

  it.each([1.5, Number.POSITIVE_INFINITY])('refuses %p months', (n) => {
    expect(() => addMonths(at('2025-01-31T00:00:00Z'), n)).toThrow(RangeError);
  });
});

const label = (reminders: { kind: string; at: Date; daysBefore: number }[]) =>
  reminders.map((r) => `${r.kind}:${r.daysBefore}@${iso(r.at)}`);

describe('remindersFor', () => {
  const due = '2025-06-30T17:00:00.000Z';
  it.each<[string, ReminderPolicy | undefined, string[]]>([
    [
      'the default policy',
      undefined,
      ['before:7@2025-06-23T17:00:00.000Z', 'before:1@2025-06-29T17:00:00.000Z', 'missed:0@2025-06-30T17:00:00.000Z'],
    ],
    [
      'days in any order, repeated once',
      { daysBefore: [1, 7, 7], onMissed: false, graceDays: 0 },
      ['before:7@2025-06-23T17:00:00.000Z', 'before:1@2025-06-29T17:00:00.000Z'],
    ],
    ['only the missed reminder', { daysBefore: [], onMissed: true, graceDays: 0 }, ['missed:0@2025-06-30T17:00:00.000Z']],
    ['nothing at all', { daysBefore: [], onMissed: false, graceDays: 0 }, []],
    [
      'a reminder on the day comes before the missed one',
      { daysBefore: [0], onMissed: true, graceDays: 0 },
      ['before:0@2025-06-30T17:00:00.000Z', 'missed:0@2025-06-30T17:00:00.000Z'],
    ],
    ['across a month end', { daysBefore: [30], onMissed: false, graceDays: 0 }, ['before:30@2025-05-31T17:00:00.000Z']],
  ])('%s', (_name, policy, expected) => {
    expect(label(remindersFor(at(due), policy))).toEqual(expected);
  });

  it.each<ReminderPolicy>([
    { daysBefore: [-1], onMissed: true, graceDays: 0 },
    { daysBefore: [1.5], onMissed: true, graceDays: 0 },
    { daysBefore: [7], onMissed: true, graceDays: -1 },
  ])('refuses the policy %o', (policy) => {
    expect(() => remindersFor(at(due), policy)).toThrow(RangeError);
  });
});

describe('remindersStillAhead', () => {
  const due = at('2025-06-30T17:00:00.000Z');
  it.each([
    ['2025-06-01T00:00:00.000Z', ['before:7', 'before:1', 'missed:0']],
    ['2025-06-23T16:59:59.999Z', ['before:7', 'before:1', 'missed:0']],
    ['2025-06-23T17:00:00.000Z', ['before:1', 'missed:0']],
    ['2025-06-29T16:59:59.999Z', ['before:1', 'missed:0']],
    ['2025-06-29T17:00:00.000Z', ['missed:0']],
    ['2025-06-30T17:00:00.000Z', ['missed:0']], // the missed reminder exactly at now is still to send
    ['2025-06-30T17:00:00.001Z', []],
  ])('at %s: %p', (now, expected) => {
    expect(remindersStillAhead(due, at(now)).map((r) => `${r.kind}:${r.daysBefore}`)).toEqual(expected);
  });

  it('a "before" reminder on the due instant is not ahead at that instant', () => {
    const policy = { daysBefore: [0], onMissed: true, graceDays: 0 };
    expect(remindersStillAhead(due, due, policy).map((r) => r.kind)).toEqual(['missed']);
  });
});

describe('graceEndsAt', () => {
  it.each<[ReminderPolicy | undefined, string]>([
    [undefined, '2025-07-07T17:00:00.000Z'],
    [{ daysBefore: [7, 1], onMissed: true, graceDays: 0 }, '2025-06-30T17:00:00.000Z'],
    [{ daysBefore: [], onMissed: false, graceDays: 14 }, '2025-07-14T17:00:00.000Z'],
  ])('policy %o → %s', (policy, expected) => {
    expect(iso(graceEndsAt(at('2025-06-30T17:00:00.000Z'), policy))).toBe(expected);
  });
});
