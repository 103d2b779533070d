import { defaultCycleCalendar } from '@ocop/domain';
import { calendarWithOverrides, defaultCycleTargets } from './cycle-setup';

describe('defaultCycleTargets', () => {
  it.each([
    ['lao-cai', 2021, { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 }],
    ['lao-cai', 2022, { newCertifiedProducts: 0, organisationsConsolidated: 0, newOrganisations: 0 }],
    ['lao-cai', 2027, { newCertifiedProducts: 0, organisationsConsolidated: 0, newOrganisations: 0 }],
    ['ha-giang', 2021, { newCertifiedProducts: 0, organisationsConsolidated: 0, newOrganisations: 0 }],
  ])('%s %i → %j', (province, year, expected) => {
    expect(defaultCycleTargets(province, year)).toEqual(expected);
  });
});

describe('calendarWithOverrides', () => {
  const base = defaultCycleCalendar(2027);

  it.each([
    ['no overrides: the default calendar', {}, base],
    ['one window moved, still in order', { dossierDueAt: '2027-06-15T17:00:00Z' }, { ...base, dossierDueAt: '2027-06-15T17:00:00.000Z' }],
    [
      'offsets normalised to UTC',
      { ideaWindowClosesAt: '2027-04-01T00:00:00+07:00' },
      { ...base, ideaWindowClosesAt: '2027-03-31T17:00:00.000Z' },
    ],
    ['durations', { labTurnaroundDays: 10, inspectionReportDays: 15 }, { ...base, labTurnaroundDays: 10, inspectionReportDays: 15 }],
    ['undefined leaves the default', { certificationAt: undefined }, base],
  ])('%s', (_case, overrides, expected) => {
    expect(calendarWithOverrides(2027, overrides)).toEqual({ calendar: expected });
  });

  it.each([
    ['a window before the one it follows', { businessPlanDueAt: '2027-03-01T17:00:00Z' }, 'calendar.businessPlanDueAt', 'windowsInOrder'],
    ['a window equal to the one before', { dossierDueAt: base.businessPlanDueAt }, 'calendar.dossierDueAt', 'windowsInOrder'],
    [
      'the first window after the second: the second is named',
      { ideaWindowClosesAt: '2027-05-01T17:00:00Z' },
      'calendar.businessPlanDueAt',
      'windowsInOrder',
    ],
    [
      'certification before provincial sessions close',
      { certificationAt: '2027-09-01T17:00:00Z' },
      'calendar.certificationAt',
      'windowsInOrder',
    ],
    ['a date that is not a date', { dossierDueAt: 'tomorrow' }, 'calendar.dossierDueAt', 'isIso8601'],
  ])('%s: names the field and the rule', (_case, overrides, field, rule) => {
    const result = calendarWithOverrides(2027, overrides);
    expect(result).toEqual({ problem: { field, rule, message: expect.stringContaining(field) } });
  });
});
