import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { CYCLE_YEAR, ensureSonLaCycle, ensureTestCycle, ok, until, userIdOf } from './flows';
import { requestAs } from './http';

// Two layers of holidays: the national schedule (the central office sets it) and each province's own days over it
// (its provincial coordinator sets them), which reach that province's sessions only. The years written here
// (2070–2079) no other suite writes: the office screens' holiday test uses 2085–2096.
const NATIONAL_YEAR = 2070 + Math.floor(Math.random() * 5);
const PROVINCE_YEAR = 2075 + Math.floor(Math.random() * 5);

/** The `weekday` (0 Sunday … 6 Saturday) on or after `month`/`day` of `year`, as yyyy-mm-dd. */
function weekdayFrom(year: number, month: number, day: number, weekday: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const plusDays = (ymd: string, n: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The local (UTC+7) day of an instant. */
const localDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

describe('GET/PUT /calendars/holidays/:year — the national schedule and each province’s layer', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('gives a year from the shipped official schedule, else from the Labour Code, every day of the national layer', async () => {
    const official = await requestAs('huyen.bacha', 'GET', '/calendars/holidays/2025');
    expect(official.status).toBe(200);
    expect(official.body).toMatchObject({
      year: 2025,
      source: 'official',
      provinceCode: null,
      workingWeekendDays: [{ date: '2025-04-26', layer: 'national' }],
    });
    expect(official.body.days.map((d: { date: string }) => d.date)).toEqual(
      expect.arrayContaining(['2025-01-25', '2025-02-02', '2025-04-07', '2025-09-01']),
    );
    const code = await requestAs('htx.bacha', 'GET', '/calendars/holidays/2028?province=lao-cai');
    expect(code.body).toMatchObject({ year: 2028, source: 'labour-code', provinceCode: 'lao-cai' });
    expect(code.body.days).toEqual(
      expect.arrayContaining([{ date: '2028-01-26', name: 'Tết Nguyên Đán / Lunar New Year', layer: 'national' }]),
    );
    const unknown = await requestAs('htx.bacha', 'GET', '/calendars/holidays/2028?province=atlantis');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'province', rule: 'isProvince' })]);
  });

  it('the central office sets the national schedule, recorded with its actor, for every province; no provincial coordinator may', async () => {
    const year = NATIONAL_YEAR;
    const days = [{ date: `${year}-02-10`, name: 'Tết Nguyên Đán / Lunar New Year' }];
    for (const coordinator of ['tinh.laocai', 'tinh.sonla'])
      expect((await requestAs(coordinator, 'PUT', `/calendars/holidays/${year}`, { body: { days } })).status).toBe(403);
    const refused = await requestAs('trunguong', 'PUT', `/calendars/holidays/${year}`, {
      body: { days: [{ date: `${year - 1}-02-10`, name: 'Tết' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'days[0].date' })] });
    expect((await requestAs('tinh.laocai', 'GET', `/calendars/holidays/${year}`)).body.source).toBe('labour-code');

    // Sent twice (a retry): the same schedule again records nothing.
    for (let i = 0; i < 2; i++)
      expect((await requestAs('trunguong', 'PUT', `/calendars/holidays/${year}`, { body: { days } })).status).toBe(200);
    const national = { year, source: 'national', days: [{ ...days[0], layer: 'national' }], workingWeekendDays: [] };
    expect(ok(await requestAs('htx.bacha', 'GET', `/calendars/holidays/${year}`))).toEqual({ ...national, provinceCode: null });
    expect(ok(await requestAs('tinh.sonla', 'GET', `/calendars/holidays/${year}?province=14`))).toEqual({
      ...national,
      provinceCode: '14',
    });
    const events = await db.query(`SELECT actor FROM events WHERE stream_id = $1 AND type = 'HolidayScheduleSet'`, [
      `calendar:holidays:${year}`,
    ]);
    expect(events.map((e: { actor: string }) => e.actor)).toEqual([`central_coordinator:${await userIdOf('trunguong')}`]);
  });

  it('a province adds its own days over the national schedule: its sessions count with them at once, the other province’s do not', async () => {
    const year = PROVINCE_YEAR;
    await Promise.all([ensureTestCycle(), ensureSonLaCycle()]);
    // Sessions on a Wednesday of March: dossiers reach members by the Monday before (two working days).
    const wednesday = weekdayFrom(year, 3, 10, 3);
    const monday = plusDays(wednesday, -2);
    const open = async (coordinator: string, areaCode: string, council: string[]) => {
      const memberIds = await Promise.all(council.map(userIdOf));
      const body = {
        level: 'province',
        areaCode,
        cycleYear: CYCLE_YEAR,
        sessionDate: `${wednesday}T02:00:00.000Z`,
        memberIds,
        chairId: memberIds[0],
      };
      return ok(
        await requestAs(coordinator, 'POST', '/sessions', { body, headers: { 'Idempotency-Key': `holidays-${randomUUID()}` } }),
        201,
      ).id as string;
    };
    const laoCai = await open('tinh.laocai', 'lao-cai', ['hoidong.1', 'hoidong.2', 'hoidong.3']);
    const sonLa = await open('tinh.sonla', '14', ['hoidong.sonla.1', 'hoidong.sonla.2', 'hoidong.sonla.3']);
    const lastDossierDay = async (sessionId: string) =>
      localDay(ok(await requestAs('admin', 'GET', `/sessions/${sessionId}`)).live.latestDossierDate as string);
    expect([await lastDossierDay(laoCai), await lastDossierDay(sonLa)]).toEqual([monday, monday]);

    // Each province's coordinator sets its own layer only (the other's is refused; an unknown province is not found).
    const saturday = weekdayFrom(year, 6, 1, 6);
    const layer = { days: [{ date: monday, name: 'Ngày lễ tỉnh / Province day' }], workingWeekendDays: [saturday] };
    expect((await requestAs('tinh.sonla', 'PUT', `/calendars/holidays/${year}/provinces/lao-cai`, { body: layer })).status).toBe(403);
    expect((await requestAs('tinh.laocai', 'PUT', `/calendars/holidays/${year}/provinces/14`, { body: layer })).status).toBe(403);
    expect((await requestAs('admin', 'PUT', `/calendars/holidays/${year}/provinces/atlantis`, { body: layer })).status).toBe(404);
    // A national holiday is not the province's to re-declare.
    const national = await requestAs('tinh.laocai', 'PUT', `/calendars/holidays/${year}/provinces/lao-cai`, {
      body: { days: [{ date: `${year}-04-30`, name: 'x' }] },
    });
    expect(national.status).toBe(400);
    expect(national.body.errors).toEqual([expect.objectContaining({ field: 'days[0].date', rule: 'holidaySchedule' })]);

    const set = await requestAs('tinh.laocai', 'PUT', `/calendars/holidays/${year}/provinces/lao-cai`, { body: layer });
    expect(set.status).toBe(200);
    expect(set.body.days).toEqual(expect.arrayContaining([{ ...layer.days[0], layer: 'province' }]));
    expect(set.body.workingWeekendDays).toEqual([{ date: saturday, layer: 'province' }]);
    expect(set.body.days.filter((d: { layer: string }) => d.layer === 'national').length).toBeGreaterThan(5);
    // Sơn La and the national schedule are untouched.
    for (const path of [`/calendars/holidays/${year}?province=14`, `/calendars/holidays/${year}`]) {
      const other = ok(await requestAs('tinh.sonla', 'GET', path));
      expect(other.days.map((d: { date: string }) => d.date)).not.toContain(monday);
      expect(other.workingWeekendDays).toEqual([]);
    }

    const friday = plusDays(monday, -3);
    await until(
      () => lastDossierDay(laoCai),
      (day) => day === friday,
      'the Lào Cai session to count with the province day',
    );
    expect(await lastDossierDay(sonLa)).toBe(monday);
    // A session opened afterwards starts with the province's layer in its input.
    const later = await open('tinh.laocai', 'lao-cai', ['hoidong.1', 'hoidong.2', 'hoidong.3']);
    expect(await lastDossierDay(later)).toBe(friday);
    const events = await db.query(`SELECT actor, payload FROM events WHERE stream_id = $1 AND type = 'ProvinceHolidaysSet'`, [
      `calendar:holidays:lao-cai:${year}`,
    ]);
    expect(events).toEqual([
      { actor: `provincial_coordinator:${await userIdOf('tinh.laocai')}`, payload: { provinceCode: 'lao-cai', year, ...layer } },
    ]);
  });
});
