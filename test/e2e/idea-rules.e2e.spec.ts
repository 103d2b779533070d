import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { CLOSED_WINDOW_YEAR, CYCLE_YEAR, ensureClosedWindowCycle, ensureTestCycle, ORGANISATION_OF, userIdOf } from './flows';
import { requestAs } from './http';

// Issue 12, point 5: ideas go to an open cycle through its idea window (Vietnam local days), later only with a
// coordinator's late entry; a product's district is its organisation's; one name per organisation and cycle.

const BAC_HA = ORGANISATION_OF['htx.bacha']!;
const BAT_XAT = ORGANISATION_OF['che.batxat']!;
const NO_CYCLE_YEAR = 2018; // no suite opens a Lào Cai cycle for 2018
const CLOSED_YEAR = CLOSED_WINDOW_YEAR; // the cycle whose idea window closed three days before it was opened

const idea = (overrides: Record<string, unknown> = {}) => ({
  organisationId: BAC_HA,
  name: `Mật ong bạc hà ${randomUUID().slice(0, 8)}`,
  productGroup: 'thuc-pham',
  cycleYear: CYCLE_YEAR,
  ...overrides,
});
const submit = (body: Record<string, unknown>, as = 'htx.bacha') =>
  requestAs(as, 'POST', '/products', { body, headers: { 'Idempotency-Key': `idea-${randomUUID()}` } });

describe('ideas: the cycle’s window, late entries, the organisation’s district, one name per organisation', () => {
  let db: DataSource;
  const productsNamed = async (name: string) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM products WHERE name = $1`, [name]))[0].n);

  beforeAll(async () => {
    db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    await ensureTestCycle();
    await ensureClosedWindowCycle();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('no cycle for the province and year: 409 CYCLE_NOT_OPEN in both languages, nothing written', async () => {
    const body = idea({ cycleYear: NO_CYCLE_YEAR });
    const refused = await submit(body);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CYCLE_NOT_OPEN',
      message: { vi: expect.stringContaining('chu kỳ'), en: expect.stringContaining('cycle') },
      details: { field: 'cycleYear', cycleYear: NO_CYCLE_YEAR },
    });
    expect(await productsNamed(body.name as string)).toBe(0);
  });

  it('after the idea window closed: 409 CYCLE_NOT_OPEN, until a coordinator of the area opens a late entry', async () => {
    const late = idea({ cycleYear: CLOSED_YEAR });
    const refused = await submit(late);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CYCLE_NOT_OPEN', details: { reason: 'idea window closed' } });
    expect(await productsNamed(late.name as string)).toBe(0);

    // Not a coordinator of Bắc Hà (Bát Xát's), a producer: refused, nothing recorded.
    expect(
      (await requestAs('huyen.batxat', 'POST', `/organisations/${BAC_HA}/late-entries`, { body: { cycleYear: CLOSED_YEAR } })).status,
    ).toBe(403);
    expect(
      (await requestAs('htx.bacha', 'POST', `/organisations/${BAC_HA}/late-entries`, { body: { cycleYear: CLOSED_YEAR } })).status,
    ).toBe(403);
    const badUntil = await requestAs('huyen.bacha', 'POST', `/organisations/${BAC_HA}/late-entries`, {
      body: { cycleYear: CLOSED_YEAR, until: 'soon' },
    });
    expect(badUntil.status).toBe(400);
    expect(badUntil.body.errors.map((e: { field: string }) => e.field)).toEqual(['until']);

    const opened = await requestAs('huyen.bacha', 'POST', `/organisations/${BAC_HA}/late-entries`, { body: { cycleYear: CLOSED_YEAR } });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ organisationId: BAC_HA, cycleYear: CLOSED_YEAR, provinceCode: 'lao-cai' });
    expect(Date.parse(opened.body.until)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const [event] = await db.query(
      `SELECT actor, payload FROM events WHERE stream_id = $1 AND type = 'LateEntryOpened' AND payload->>'until' = $2 ORDER BY stream_seq DESC LIMIT 1`,
      [`cycle:lao-cai:${CLOSED_YEAR}`, opened.body.until],
    );
    expect(event).toMatchObject({
      actor: `district_coordinator:${await userIdOf('huyen.bacha')}`,
      payload: { organisationId: BAC_HA, districtCode: 'bac-ha' },
    });

    const accepted = await submit(late);
    expect(accepted.status).toBe(201);
    // Only that organisation: Bát Xát's producer is still refused.
    const other = await submit(idea({ organisationId: BAT_XAT, cycleYear: CLOSED_YEAR }), 'che.batxat');
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('CYCLE_NOT_OPEN');
  });

  it('a district other than the organisation’s: 400 naming district and the rule; left out, the organisation’s is taken', async () => {
    const wrong = idea({ district: 'bat-xat' });
    const refused = await submit(wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'district', rule: 'isOrganisationDistrict', message: expect.stringContaining('bac-ha') },
    ]);
    expect(await productsNamed(wrong.name as string)).toBe(0);

    const taken = await submit(idea());
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ district: 'bac-ha', province: 'lao-cai' });
  });

  it('the same name twice for one organisation and cycle (case and diacritics aside): 409 ALREADY_EXISTS', async () => {
    const tag = randomUUID().slice(0, 8);
    const first = await submit(idea({ name: `Chè Shan Tuyết ${tag}` }));
    expect(first.status).toBe(201);
    const again = await submit(idea({ name: `  CHE shan  tuyet ${tag.toUpperCase()} ` }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'name', productId: first.body.id } });
    // Another organisation may use the name.
    expect((await submit(idea({ organisationId: BAT_XAT, name: `Chè Shan Tuyết ${tag}` }), 'che.batxat')).status).toBe(201);
  });

  it('a revision renaming the idea passes the same rule: a name taken is 409 and changes nothing; the old name is freed', async () => {
    const tag = randomUUID().slice(0, 8);
    const [taken, renamed, fresh] = [`Miến dong ${tag}`, `Miến dong cũ ${tag}`, `Miến dong mới ${tag}`];
    const holder = await submit(idea({ name: taken }));
    const product = await submit(idea({ name: renamed }));
    expect([holder.status, product.status]).toEqual([201, 201]);
    const id = product.body.id as string;
    const revise = (name: string) =>
      requestAs('htx.bacha', 'POST', `/products/${id}/revision`, {
        body: { name, note: 'Đổi tên / renamed' },
        headers: { 'Idempotency-Key': `revise-${randomUUID()}` },
      });
    // Not waiting for a revision: the journey refuses, and the name it asked for stays free.
    const early = await revise(`Miến dong sớm ${tag}`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('WRONG_STAGE');
    expect((await submit(idea({ name: `Miến dong sớm ${tag}` }))).status).toBe(201);

    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const asked = await requestAs('tinh.laocai', 'POST', `/products/${id}/review`, { body: { decision: 'request_changes', dueAt } });
    expect(asked.status).toBe(200);
    // Another product's name, folded (case and diacritics aside): refused, nothing changed.
    const refused = await revise(`  MIEN DONG ${tag.toUpperCase()} `);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'name', productId: holder.body.id } });
    expect((await requestAs('htx.bacha', 'GET', `/products/${id}`)).body).toMatchObject({ name: renamed, stage: asked.body.stage });
    const revisions = () =>
      db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'IdeaRevised' AND stream_id LIKE $1`, [`product:${id}:%`]);
    expect((await revisions())[0].n).toBe(0);

    const done = await revise(fresh);
    expect(done.status).toBe(200);
    expect(done.body.name).toBe(fresh);
    expect((await revisions())[0].n).toBe(1);
    // The old name is free for a new idea; the new one is the renamed product's.
    expect((await submit(idea({ name: renamed }))).status).toBe(201);
    const again = await submit(idea({ name: fresh }));
    expect(again.status).toBe(409);
    expect(again.body.details).toMatchObject({ field: 'name', productId: id });
  });

  it('concurrent submissions of one name: exactly one passes', async () => {
    const tag = randomUUID().slice(0, 8);
    const names = [`Rượu ngô ${tag}`, `rượu ngô ${tag}`, `RUOU NGO ${tag}`, `Rượu  Ngô ${tag}`];
    const answers = await Promise.all(names.map((name) => submit(idea({ name }))));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM products WHERE organisation_id = $1 AND name = ANY($2::text[])`, [
      BAC_HA,
      names,
    ]);
    expect(n).toBe(1);
  });
});
