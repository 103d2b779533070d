import { calendarOrderProblem, defaultCycleCalendar } from './cycle-calendar';

describe('defaultCycleCalendar', () => {
  it('lays the 2021 windows out in order, ending each local (UTC+7) day', () => {
    const calendar = defaultCycleCalendar(2021);
    expect(calendar.ideaWindowClosesAt).toBe('2021-03-31T17:00:00.000Z');
    expect(calendar.certificationAt).toBe('2021-10-31T17:00:00.000Z');
    expect(calendarOrderProblem(calendar)).toBeUndefined();
  });
});

describe('calendarOrderProblem', () => {
  const base = defaultCycleCalendar(2021);
  it.each([
    ['businessPlanDueAt', '2021-03-01T00:00:00.000Z', 'businessPlanDueAt'],
    ['dossierDueAt', base.businessPlanDueAt, 'dossierDueAt'],
    ['ideaWindowClosesAt', base.businessPlanDueAt, 'businessPlanDueAt'],
    ['certificationAt', '2021-11-30T00:00:00.000Z', undefined],
  ] as const)('moving %s to %s → problem at %p', (window, date, problem) => {
    expect(calendarOrderProblem({ ...base, [window]: date })).toBe(problem);
  });
});
