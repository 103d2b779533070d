import { formatDate, formatDateTime, formatDecimal, formatDay, formatTime, parseDecimal, parseDateInput } from './format';

describe('formats: dates dd/mm/yyyy and 24 h times in Vietnam, decimals with a comma in Vietnamese', () => {
  it.each([
    ['2027-05-31T10:00:00.000Z', '31/05/2027', '17:00 31/05/2027'],
    // 17:00 UTC is midnight in Hà Nội: already the next day.
    ['2027-05-31T17:00:00.000Z', '01/06/2027', '00:00 01/06/2027'],
    ['2026-12-31T16:59:00.000Z', '31/12/2026', '23:59 31/12/2026'],
    ['2021-01-05T01:05:00.000Z', '05/01/2021', '08:05 05/01/2021'],
  ])('%s → %s, %s', (iso, date, dateTime) => {
    expect(formatDate(iso)).toBe(date);
    expect(formatDate(new Date(iso))).toBe(date);
    expect(formatDateTime(iso)).toBe(dateTime);
  });

  it('writes a time of day in 24 h', () => {
    expect(formatTime('2027-05-31T13:04:05.000Z')).toBe('20:04:05');
  });

  it('refuses a date that is not one', () => {
    expect(() => formatDate('not a date')).toThrow('Not a valid date');
  });

  it.each([
    [27.5, '27,5', '27.5'],
    [80.75, '80,75', '80.75'],
    [72.333333, '72,33', '72.33'],
    [90, '90', '90'],
    [1234.5, '1.234,5', '1,234.5'],
    [-3.25, '-3,25', '-3.25'],
    [0.004, '0', '0'],
  ])('%d → vi %s, en %s', (value, vi, en) => {
    expect(formatDecimal(value, 'vi')).toBe(vi);
    expect(formatDecimal(value, 'en')).toBe(en);
  });

  it.each([
    ['27,5', 27.5],
    ['27.5', 27.5],
    [' 30 ', 30],
    ['-1,25', -1.25],
    ['', Number.NaN],
    ['27,5,1', Number.NaN],
    ['1.234,5', Number.NaN],
    ['abc', Number.NaN],
  ])('parses %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    ['2026-02-16', '16/02/2026'],
    ['2026-12-31', '31/12/2026'],
    ['not a date', 'not a date'],
  ])('writes the local date %s as %s', (ymd, written) => {
    expect(formatDay(ymd)).toBe(written);
  });

  it.each([
    ['16/02/2026', '2026-02-16'],
    ['1/5/2026', '2026-05-01'],
    [' 02.09.2026 ', '2026-09-02'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2026', undefined],
    ['31/04/2026', undefined],
    ['2026-02-16', undefined],
    ['16/13/2026', undefined],
    ['', undefined],
  ])('reads %j typed as %j', (typed, ymd) => {
    expect(parseDateInput(typed)).toBe(ymd);
  });
});
