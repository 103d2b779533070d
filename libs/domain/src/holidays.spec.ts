import {
  DEFAULT_HOLIDAYS,
  HolidayCalendar,
  holidayYearProblem,
  labourCodeHolidays,
  provinceLayerProblem,
  solarOfLunar,
  withProvinceLayer,
  workedDayLayer,
  type HolidayYear,
} from './holidays';

const closedBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000))
    days.push(d.toISOString().slice(0, 10));
  return days;
};

describe('Tết as the offices closed for it', () => {
  it.each([
    [2021, '2021-02-10', '2021-02-16'],
    [2024, '2024-02-08', '2024-02-14'],
    [2025, '2025-01-25', '2025-02-02'],
  ])('%p: closed %s – %s, open the days around', (_year, from, to) => {
    for (const date of closedBetween(from, to)) expect([date, DEFAULT_HOLIDAYS.isWorkingDay(date)]).toEqual([date, false]);
    const before = new Date(new Date(`${from}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
    const after = new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
    expect([DEFAULT_HOLIDAYS.isHoliday(before), DEFAULT_HOLIDAYS.isHoliday(after)]).toEqual([false, false]);
  });
});

describe('the Labour Code (Art. 112) from the lunar calendar', () => {
  it.each([
    [2021, 1, 1, '2021-02-12'],
    [2024, 1, 1, '2024-02-10'],
    [2025, 1, 1, '2025-01-29'],
    [2026, 1, 1, '2026-02-17'],
    [2021, 3, 10, '2021-04-21'],
    [2025, 3, 10, '2025-04-07'],
  ])('lunar %p-%p-%p is %s', (y, m, d, solar) => {
    expect(solarOfLunar(y, m, d)).toBe(solar);
  });

  it("2021 by the Code alone: Hùng Kings' day 21 Apr, 30 Apr, 1 May with its substitute day, 2 Sep and the day after", () => {
    const dates = labourCodeHolidays(2021).days.map((d) => d.date);
    expect(dates).toEqual([
      '2021-01-01',
      '2021-02-11', // the eve
      '2021-02-12',
      '2021-02-13',
      '2021-02-14',
      '2021-02-15',
      '2021-02-16', // substitute for 13 Feb (Saturday)
      '2021-02-17', // substitute for 14 Feb (Sunday)
      '2021-04-21',
      '2021-04-30',
      '2021-05-01',
      '2021-05-03', // substitute for 1 May (Saturday)
      '2021-09-02',
      '2021-09-03',
    ]);
  });

  it('2026 by the Code: Hùng Kings’ day falls on Sunday 26 Apr and gives Monday 27 Apr; 2 Sep is a Wednesday with 3 Sep', () => {
    const calendar = DEFAULT_HOLIDAYS;
    expect(['2026-04-26', '2026-04-27', '2026-04-28'].map((d) => calendar.isWorkingDay(d))).toEqual([false, false, true]);
    expect(['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-04'].map((d) => calendar.isWorkingDay(d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(
      labourCodeHolidays(2026)
        .days.filter((d) => d.name.startsWith('Tết Nguyên'))
        .map((d) => d.date),
    ).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('2 Sep on a Tuesday takes the Monday before (2025 by the Code)', () => {
    expect(
      labourCodeHolidays(2025)
        .days.filter((d) => d.date.startsWith('2025-09'))
        .map((d) => d.date),
    ).toEqual(['2025-09-01', '2025-09-02']);
  });

  it('2024: the official schedule swaps Monday 29 Apr for Saturday 4 May', () => {
    expect(['2024-04-29', '2024-04-30', '2024-05-01', '2024-05-02', '2024-05-04'].map((d) => DEFAULT_HOLIDAYS.isWorkingDay(d))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('a province corrects a year', () => {
  it('its schedule replaces the Code or the shipped schedule for that year only', () => {
    const calendar = new HolidayCalendar([
      { year: 2026, source: 'province', days: [{ date: '2026-02-13', name: 'Tết' }], workingWeekendDays: ['2026-02-28'] },
    ]);
    expect(calendar.isWorkingDay('2026-02-13')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-17')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-27')).toBe(false);
  });

  it.each([
    [[{ date: '2026-13-01', name: 'x' }], [], 'days[0].date'],
    [[{ date: '2025-01-01', name: 'x' }], [], 'days[0].date'],
    [[{ date: '2026-01-01', name: ' ' }], [], 'days[0].name'],
    [[], ['2026-03-04'], 'workingWeekendDays[0]'],
  ])('refuses %p %p at %s', (days, worked, field) => {
    expect(holidayYearProblem(2026, days, worked)?.field).toBe(field);
  });

  it('accepts a sound schedule', () => {
    expect(holidayYearProblem(2026, [{ date: '2026-02-13', name: 'Tết' }], ['2026-02-28'])).toBeUndefined();
  });
});

describe('a province’s layer over the national schedule', () => {
  const national: HolidayYear = {
    year: 2026,
    source: 'national',
    days: [
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      { date: '2026-04-30', name: 'Chiến thắng' },
    ],
    workingWeekendDays: ['2026-05-09'],
  };
  const layer = (days: { date: string; name: string }[], workingWeekendDays: string[] = []) => ({
    provinceCode: 'lao-cai',
    year: 2026,
    days,
    workingWeekendDays,
  });

  it('adds the province’s days off and worked days to the national ones, each marked with its layer', () => {
    const year = withProvinceLayer(national, layer([{ date: '2026-03-10', name: 'Ngày tỉnh' }], ['2026-03-14']));
    expect(year.days).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch', layer: 'national' },
      { date: '2026-03-10', name: 'Ngày tỉnh', layer: 'province' },
      { date: '2026-04-30', name: 'Chiến thắng', layer: 'national' },
    ]);
    expect(year.workingWeekendDays).toEqual(['2026-03-14', '2026-05-09']);
    expect(year.source).toBe('national');
    expect([workedDayLayer(national, '2026-03-14'), workedDayLayer(national, '2026-05-09')]).toEqual(['province', 'national']);
    const calendar = new HolidayCalendar([year]);
    expect([calendar.isWorkingDay('2026-03-10'), calendar.isWorkingDay('2026-03-14'), calendar.isWorkingDay('2026-03-11')]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('without a layer (or a layer of another year) is the national schedule, every day national', () => {
    for (const given of [undefined, { ...layer([{ date: '2027-03-10', name: 'x' }]), year: 2027 }]) {
      const year = withProvinceLayer(national, given);
      expect(year.days.map((d) => d.layer)).toEqual(['national', 'national']);
      expect(year.workingWeekendDays).toEqual(['2026-05-09']);
    }
  });

  it('a day the province closes wins over a weekend day the nation works', () => {
    expect(withProvinceLayer(national, layer([{ date: '2026-05-09', name: 'Ngày tỉnh' }])).workingWeekendDays).toEqual([]);
  });

  it.each([
    [[{ date: '2025-03-10', name: 'x' }], [], 'days[0].date', 'a date in 2026'],
    [[{ date: '2026-04-30', name: 'x' }], [], 'days[0].date', 'a day the national schedule keeps open'],
    [[], ['2026-03-11'], 'workingWeekendDays[0]', 'a Saturday or Sunday'],
    [[{ date: '2026-03-14', name: 'x' }], ['2026-03-14'], 'workingWeekendDays[0]', 'not also one of the province’s days off'],
  ])('refuses %p %p at %s (%s)', (days, worked, field, rule) => {
    expect(provinceLayerProblem(national, layer(days, worked))).toEqual({ field, rule });
  });

  it('accepts a sound layer', () => {
    expect(provinceLayerProblem(national, layer([{ date: '2026-03-10', name: 'Ngày tỉnh' }], ['2026-03-14']))).toBeUndefined();
  });
});
