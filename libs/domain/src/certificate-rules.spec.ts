import {
  afterInspection,
  CERTIFICATE_VALIDITY_MONTHS_DEFAULT,
  certificateSchedule,
  INSPECTION_MONTHS,
  InspectionVerdict,
  RE_EVALUATION_REMINDER_DAYS,
  REMEDIATION_DAYS,
  remediationDueAt,
} from './certificate-rules';

const iso = (date: Date) => date.toISOString();

describe('certificate constants', () => {
  it('36 months of validity, inspections at 12 and 24 months, 30 days to remedy, reminders 90 and 30 days before expiry', () => {
    expect(CERTIFICATE_VALIDITY_MONTHS_DEFAULT).toBe(36);
    expect(INSPECTION_MONTHS).toEqual([12, 24]);
    expect(REMEDIATION_DAYS).toBe(30);
    expect(RE_EVALUATION_REMINDER_DAYS).toEqual([90, 30]);
  });
});

describe('certificateSchedule', () => {
  it.each([
    [
      '2021-12-15T00:00:00.000Z',
      '2024-12-15T00:00:00.000Z',
      ['2022-12-15T00:00:00.000Z', '2023-12-15T00:00:00.000Z'],
      ['2024-09-16T00:00:00.000Z', '2024-11-15T00:00:00.000Z'],
    ],
    [
      // Issued on a leap day: every anniversary falls back to 28 February.
      '2024-02-29T03:00:00.000Z',
      '2027-02-28T03:00:00.000Z',
      ['2025-02-28T03:00:00.000Z', '2026-02-28T03:00:00.000Z'],
      ['2026-11-30T03:00:00.000Z', '2027-01-29T03:00:00.000Z'],
    ],
    [
      '2021-08-31T00:00:00.000Z',
      '2024-08-31T00:00:00.000Z',
      ['2022-08-31T00:00:00.000Z', '2023-08-31T00:00:00.000Z'],
      ['2024-06-02T00:00:00.000Z', '2024-08-01T00:00:00.000Z'],
    ],
  ])('issued %s: expires %s, inspections %p, reminders %p', (issued, expires, inspections, reminders) => {
    const schedule = certificateSchedule(new Date(issued));
    expect(iso(schedule.issuedAt)).toBe(issued);
    expect(iso(schedule.expiresAt)).toBe(expires);
    expect(schedule.inspectionsDue.map(iso)).toEqual(inspections);
    expect(schedule.reEvaluationReminders.map(iso)).toEqual(reminders);
  });

  it('does not share its argument', () => {
    const issuedAt = new Date('2021-12-15T00:00:00Z');
    const schedule = certificateSchedule(issuedAt);
    issuedAt.setUTCFullYear(2030);
    expect(iso(schedule.issuedAt)).toBe('2021-12-15T00:00:00.000Z');
  });
});

describe('remediationDueAt', () => {
  it.each([
    ['2025-03-10T09:00:00.000Z', '2025-04-09T09:00:00.000Z'],
    ['2025-02-10T00:00:00.000Z', '2025-03-12T00:00:00.000Z'],
    ['2024-02-10T00:00:00.000Z', '2024-03-11T00:00:00.000Z'],
    ['2025-12-15T23:59:59.999Z', '2026-01-14T23:59:59.999Z'],
  ])('reported %s → due %s', (reported, due) => {
    expect(iso(remediationDueAt(new Date(reported)))).toBe(due);
  });
});

describe('afterInspection', () => {
  it.each<[number, InspectionVerdict, ReturnType<typeof afterInspection>]>([
    [0, 'pass', 'in_good_standing'],
    [1, 'pass', 'in_good_standing'],
    [3, 'pass', 'in_good_standing'],
    [0, 'fail', 'remediation'],
    [1, 'fail', 'revoked'],
    [2, 'fail', 'revoked'],
  ])('after %p failures, a %s → %s', (failures, verdict, expected) => {
    expect(afterInspection(failures, verdict)).toBe(expected);
  });

  it.each([-1, 0.5, Number.NaN])('refuses %p previous failures', (failures) => {
    expect(() => afterInspection(failures, 'fail')).toThrow(RangeError);
  });
});
