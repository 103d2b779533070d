import { request } from './http';

describe('GET /reference-data (no login)', () => {
  it('gives the rule sets with part maxima, levels and product groups, the provinces with districts, and the star bands', async () => {
    const response = await request('GET', '/reference-data');
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.ruleSets.map((r: { code: string }) => r.code)).toEqual(['QD1048-2019', 'QD148-2023', 'QD1489-2025']);
    const qd1048 = body.ruleSets[0];
    expect(qd1048.parts).toMatchObject({ A: { max: 35 }, B: { max: 25 }, C: { max: 40 } });
    expect(qd1048.levels.map((l: { level: string }) => l.level)).toEqual(['district', 'province', 'central']);
    expect(qd1048.productGroups).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'do-uong', labTested: true })]));
    expect(body.ruleSets[1].parts).toMatchObject({ A: { max: 40 }, B: { max: 25 }, C: { max: 35 } });
    // The 2021 plan's Lào Cai, then the 34 provinces of the 2025 map with the old districts they were formed from.
    expect(body.provinces).toHaveLength(35);
    expect(body.provinces[0]).toEqual(
      expect.objectContaining({ code: 'lao-cai', districts: expect.arrayContaining([expect.objectContaining({ code: 'bac-ha' })]) }),
    );
    expect(body.provinces).toContainEqual(
      expect.objectContaining({
        code: '14',
        vi: 'Tỉnh Sơn La',
        districts: expect.arrayContaining([expect.objectContaining({ code: '123' })]),
      }),
    );
    expect(body.starBands).toEqual(
      expect.arrayContaining([
        { stars: 3, min: 50, max: 69.99 },
        { stars: 5, min: 90, max: 100 },
      ]),
    );
    expect(body.timeZone).toBe('Asia/Ho_Chi_Minh');
  });

  it('gives a province’s communes on the 2025 map by name (lao-cai: the new Lào Cai’s), 404 for an unknown province', async () => {
    const newLaoCai = await request('GET', '/reference-data/provinces/15/communes');
    expect(newLaoCai.status).toBe(200);
    expect(newLaoCai.body).toContainEqual({ code: '02890', vi: 'Xã Bảo Nhai', type: 'commune' });
    expect(newLaoCai.body.some((c: { code: string }) => c.code === '03646')).toBe(false); // Phường Tô Hiệu is Sơn La's
    const names = newLaoCai.body.map((c: { vi: string }) => c.vi);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect((await request('GET', '/reference-data/provinces/lao-cai/communes')).body).toEqual(newLaoCai.body);
    const unknown = await request('GET', '/reference-data/provinces/atlantis/communes');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});
