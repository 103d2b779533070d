import {
  ADMIN_MAP_SOURCES,
  areaLevelOf,
  communesFromLegacyDistrict,
  communesOf,
  convertLegacyAddress,
  convertLegacyCommune,
  findCommune,
  findLegacyDistrict,
  findProvince,
  legacyCommunesOf,
  legacyDistrictsOf,
  mapOn,
  nameKey,
  provinceAfterReform,
  provinces,
  provincesBeforeReform,
  findOcopDistrict,
  findOcopProvince,
  OCOP_PROVINCES,
} from './admin-map';
import { LAO_CAI } from './reference-data';

describe('the two administrative maps', () => {
  it('record the versions of the data sets they were generated from', () => {
    expect(ADMIN_MAP_SOURCES['2025']).toEqual(expect.objectContaining({ package: 'vietnam-provinces', version: '2025.10.1' }));
    expect(ADMIN_MAP_SOURCES.legacy).toEqual(expect.objectContaining({ package: 'vietnamadminunits', version: '1.0.4' }));
  });

  it.each([
    ['2025', 34],
    ['legacy', 63],
  ] as const)('the %s map has %i provinces, each code once', (map, count) => {
    const codes = provinces(map).map((p) => p.code);
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(count);
  });

  it('since the reform about 3,300 communes and wards, each in exactly one province', () => {
    const all = provinces('2025').flatMap((p) => communesOf(p.code));
    expect(all).toHaveLength(3321);
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
    for (const commune of all) expect(findCommune(commune.code)).toEqual(commune);
  });

  it.each([
    ['15', 'Tỉnh Lào Cai', 99],
    ['01', 'Thành phố Hà Nội', 126],
    ['79', 'Thành phố Hồ Chí Minh', 168],
  ])('province %s is %s with %i communes and wards', (code, vi, communes) => {
    expect(findProvince(code)?.vi).toBe(vi);
    expect(communesOf(code)).toHaveLength(communes);
  });

  it.each([
    ['10', '15', 'Tỉnh Lào Cai'],
    ['15', '15', 'Tỉnh Lào Cai'],
    ['01', '01', 'Thành phố Hà Nội'],
    ['74', '79', 'Thành phố Hồ Chí Minh'],
  ])('old province %s became %s (%s)', (old, now, vi) => {
    expect(provinceAfterReform(old)).toEqual(expect.objectContaining({ code: now, vi }));
  });

  it('the new Lào Cai was formed from the old Lào Cai and Yên Bái', () => {
    expect(
      provincesBeforeReform('15')
        .map((p) => p.vi)
        .sort(),
    ).toEqual(['Tỉnh Lào Cai', 'Tỉnh Yên Bái']);
  });

  it('every old commune became a commune of the province its old province merged into', () => {
    for (const province of provinces('legacy')) {
      const after = provinceAfterReform(province.code)!;
      for (const district of legacyDistrictsOf(province.code)) {
        for (const commune of legacyCommunesOf(district.code)) expect(convertLegacyCommune(commune.code)?.provinceCode).toBe(after.code);
      }
    }
  });

  it('the 2021 plan’s nine Lào Cai districts are all on the old map', () => {
    const oldLaoCai = legacyDistrictsOf('10');
    for (const district of LAO_CAI.districts) expect(oldLaoCai.map((d) => nameKey(d.vi))).toContain(nameKey(district.vi));
  });
});

describe('converting an old address to the new map', () => {
  it.each([
    ['Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai', 'Xã Bảo Nhai', '15', 'Huyện Bắc Hà'],
    ['xa bao nhai, huyen bac ha, tinh lao cai', 'Xã Bảo Nhai', '15', 'Huyện Bắc Hà'],
    ['Thôn Na Hối, Bảo Nhai, Bắc Hà, Lào Cai', 'Xã Bảo Nhai', '15', 'Huyện Bắc Hà'],
    ['Thị trấn Bắc Hà, Huyện Bắc Hà, Tỉnh Lào Cai', 'Xã Bắc Hà', '15', 'Huyện Bắc Hà'],
    ['Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội', 'Phường Hồng Hà', '01', 'Quận Ba Đình'],
    ['Xã Âu Lâu, Thành phố Yên Bái, Tỉnh Yên Bái', 'Phường Âu Lâu', '15', 'Thành phố Yên Bái'],
  ])('%s → %s in province %s (from %s)', (address, commune, province, district) => {
    const converted = convertLegacyAddress(address);
    expect(converted?.after.commune.vi).toBe(commune);
    expect(converted?.after.province.code).toBe(province);
    expect(converted?.before.district.vi).toBe(district);
  });

  it.each([
    ['Xã Bảo Nhai, Huyện Bắc Hà'],
    ['Xã Không Có, Huyện Bắc Hà, Tỉnh Lào Cai'],
    ['Xã Bảo Nhai, Huyện Sa Pa, Tỉnh Lào Cai'],
    ['Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Không Có'],
  ])('%s is not an address on the old map', (address) => {
    expect(convertLegacyAddress(address)).toBeUndefined();
  });

  it('an old district’s communes went into a handful of new ones, all in its new province', () => {
    const bacHa = legacyDistrictsOf('10').find((d) => nameKey(d.vi) === nameKey('Huyện Bắc Hà'))!;
    expect(findLegacyDistrict(bacHa.code)?.provinceCode).toBe('10');
    const communes = communesFromLegacyDistrict(bacHa.code);
    expect(communes.map((c) => c.vi)).toEqual(expect.arrayContaining(['Xã Bảo Nhai', 'Xã Bắc Hà']));
    expect(communes.length).toBeLessThan(legacyCommunesOf(bacHa.code).length);
    for (const commune of communes) expect(commune.provinceCode).toBe('15');
  });

  it('a split commune says so', () => {
    const split = provinces('legacy')
      .flatMap((p) => legacyDistrictsOf(p.code))
      .flatMap((d) => legacyCommunesOf(d.code))
      .filter((c) => c.split);
    expect(split.length).toBeGreaterThan(0);
    expect(convertLegacyCommune(split[0]!.code)?.split).toBe(true);
  });
});

describe('which map a cycle runs on', () => {
  it.each([
    ['2025-06-30', 'legacy'],
    ['2025-07-01', '2025'],
    ['2021-02-04', 'legacy'],
    ['2026-03-01', '2025'],
  ] as const)('%s is on the %s map', (date, map) => {
    expect(mapOn(date)).toBe(map);
  });

  it.each([
    ['QD1048-2019', '2021-02-04', 'district'],
    ['QD148-2023', '2024-03-01', 'district'],
    ['QD148-2023', '2025-08-01', 'commune'],
    ['QD1489-2025', '2025-08-01', 'commune'],
    ['QD1489-2025', '2027-01-15', 'commune'],
  ] as const)('a %s cycle opening %s works by %s', (ruleSet, opensOn, level) => {
    expect(areaLevelOf(ruleSet, opensOn)).toBe(level);
  });
});

describe('the provinces a cycle can be opened in', () => {
  it('are the 2021 plan’s Lào Cai and the 34 provinces of the 2025 map', () => {
    expect(OCOP_PROVINCES).toHaveLength(35);
    expect(OCOP_PROVINCES[0]!.code).toBe('lao-cai');
    expect(findOcopProvince('14')).toMatchObject({ vi: 'Tỉnh Sơn La', en: 'Son La province' });
    expect(findOcopProvince('01')).toMatchObject({ en: 'Ha Noi city' });
    expect(findOcopProvince('99')).toBeUndefined();
  });

  it('hold the districts of the old provinces each was formed from', () => {
    expect(findOcopDistrict('123')).toMatchObject({ vi: 'Thị xã Mộc Châu', type: 'town', provinceCode: '14' });
    // The new Lào Cai (15): old Lào Cai's Bắc Hà and Yên Bái's Lục Yên.
    const laoCai = findOcopProvince('15')!;
    expect(laoCai.districts.map((d) => d.vi)).toEqual(expect.arrayContaining(['Huyện Bắc Hà', 'Huyện Lục Yên']));
    // The plan's Lào Cai keeps its districts by name.
    expect(findOcopDistrict('bac-ha')).toMatchObject({ provinceCode: 'lao-cai' });
    expect(findOcopDistrict('nowhere')).toBeUndefined();
  });
});
