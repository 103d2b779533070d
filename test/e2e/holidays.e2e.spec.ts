import { requestAs } from './http';

describe('GET/PUT /calendars/holidays/:year', () => {
  it('gives a year from the shipped official schedule, else from the Labour Code', async () => {
    const official = await requestAs('huyen.bacha', 'GET', '/calendars/holidays/2025');
    expect(official.status).toBe(200);
    expect(official.body).toMatchObject({ year: 2025, source: 'official', workingWeekendDays: ['2025-04-26'] });
    expect(official.body.days.map((d: { date: string }) => d.date)).toEqual(
      expect.arrayContaining(['2025-01-25', '2025-02-02', '2025-04-07', '2025-09-01']),
    );
    const code = await requestAs('htx.bacha', 'GET', '/calendars/holidays/2028');
    expect(code.body).toMatchObject({ year: 2028, source: 'labour-code' });
    expect(code.body.days).toEqual(expect.arrayContaining([{ date: '2028-01-26', name: 'Tết Nguyên Đán / Lunar New Year' }]));
  });

  it('lets a provincial coordinator set a year, recorded as an event with the actor; bad days are refused naming the field', async () => {
    // 2085–2096 belong to the office screens' holiday test; these years no other suite writes.
    const year = 2070 + Math.floor(Math.random() * 10);
    const days = [{ date: `${year}-02-10`, name: 'Tết Nguyên Đán / Lunar New Year' }];
    const refused = await requestAs('tinh.laocai', 'PUT', `/calendars/holidays/${year}`, {
      body: { days: [{ date: `${year - 1}-02-10`, name: 'Tết' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'days[0].date' })] });
    expect((await requestAs('tinh.laocai', 'GET', `/calendars/holidays/${year}`)).body.source).toBe('labour-code');

    const set = await requestAs('tinh.laocai', 'PUT', `/calendars/holidays/${year}`, { body: { days } });
    expect(set.status).toBe(200);
    expect((await requestAs('htx.bacha', 'GET', `/calendars/holidays/${year}`)).body).toEqual({
      year,
      source: 'province',
      days,
      workingWeekendDays: [],
    });
    expect((await requestAs('huyen.bacha', 'PUT', `/calendars/holidays/${year}`, { body: { days } })).status).toBe(403);
  });
});
