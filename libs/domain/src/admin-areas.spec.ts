import {
  areaOf,
  currentProvinceOf,
  cycleDistrictOf,
  cycleProvinceOf,
  findCurrentAddress,
  placeFromAddress,
  placeOfAddress,
} from './admin-areas';
import { findLegacyCommune } from './admin-map';

const BAO_NHAI_2025 = '02890';
const BAC_HA_DISTRICT = '085';
const BAO_NHAI_OLD = findLegacyCommune(BAO_NHAI_2025)!;

describe('an organisation’s place from the address it registered with', () => {
  it.each([
    [
      'Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
      '2024-05-02',
      { communeCode: BAO_NHAI_2025, legacyCommuneCode: BAO_NHAI_OLD.code, legacyDistrictCode: BAC_HA_DISTRICT, split: false },
    ],
    ['Thôn Na Hối, Xã Bảo Nhai, Tỉnh Lào Cai', '2025-09-10', { communeCode: BAO_NHAI_2025, split: false }],
    ['Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai', '2025-09-10', undefined],
    ['Xã Bảo Nhai, Tỉnh Lào Cai', '2024-05-02', undefined],
    ['Xã Bảo Nhai, Tỉnh Hà Giang', '2025-09-10', undefined],
  ])('%s registered %s', (address, registeredOn, place) => {
    expect(placeFromAddress(address, registeredOn)).toEqual(place);
  });

  it('finds a 2025 address whatever its tone marks and case', () => {
    expect(findCurrentAddress('xa bao nhai, tinh lao cai')?.code).toBe(BAO_NHAI_2025);
  });
});

describe('the area an organisation is grouped under', () => {
  it.each([
    [{ communeCode: BAO_NHAI_2025 }, 'commune', { level: 'commune', code: BAO_NHAI_2025, vi: 'Xã Bảo Nhai', provinceCode: '15' }],
    [{ legacyCommuneCode: BAO_NHAI_OLD.code }, 'commune', { level: 'commune', code: BAO_NHAI_2025, vi: 'Xã Bảo Nhai', provinceCode: '15' }],
    [
      { legacyDistrictCode: BAC_HA_DISTRICT },
      'district',
      { level: 'district', code: BAC_HA_DISTRICT, vi: 'Huyện Bắc Hà', provinceCode: '10' },
    ],
    [
      { legacyCommuneCode: BAO_NHAI_OLD.code },
      'district',
      { level: 'district', code: BAC_HA_DISTRICT, vi: 'Huyện Bắc Hà', provinceCode: '10' },
    ],
    [{ communeCode: BAO_NHAI_2025 }, 'district', undefined],
    [{ legacyDistrictCode: BAC_HA_DISTRICT }, 'commune', undefined],
    [{ communeCode: '99999' }, 'commune', undefined],
  ] as const)('%p in a cycle by %s → %p', (place, level, area) => {
    expect(areaOf(place, level)).toEqual(area);
  });
});

describe('where an organisation takes part in a cycle', () => {
  // A Lào Cai (2021 plan) organisation in Bắc Hà, placed in Xã Bảo Nhai (new Lào Cai, 15) by its old address.
  const bacHa = { districtCode: 'bac-ha', provinceCode: 'lao-cai', communeCode: BAO_NHAI_2025, legacyDistrictCode: BAC_HA_DISTRICT };
  const unplaced = { districtCode: 'bac-ha', provinceCode: 'lao-cai' };
  it.each([
    ['placed, a cycle on the old map (2023)', bacHa, 2023, 'lao-cai', 'bac-ha'],
    ['placed, a 2025 cycle (opened before the reform)', bacHa, 2025, 'lao-cai', 'bac-ha'],
    ['placed, a cycle on the 2025 map (2026): its commune’s province, its old district', bacHa, 2026, '15', BAC_HA_DISTRICT],
    ['not placed, a 2026 cycle: where it registered', unplaced, 2026, 'lao-cai', 'bac-ha'],
    ['registered in the new province itself', { districtCode: '085', provinceCode: '15', communeCode: BAO_NHAI_2025 }, 2026, '15', '085'],
  ] as const)('%s', (_, organisation, year, province, district) => {
    expect(cycleProvinceOf(organisation, year)).toBe(province);
    expect(cycleDistrictOf(organisation, province)).toBe(district);
  });
});

describe('the 2025 province an OCOP province code stands for', () => {
  it.each([
    ['lao-cai', '15'],
    ['15', '15'],
    ['14', '14'],
    ['10', undefined],
    ['yen-bai', undefined],
  ])('%s → %s', (code, expected) => {
    expect(currentProvinceOf(code)).toBe(expected);
  });
});

describe('an organisation’s place from an address given today', () => {
  it.each([
    ['a 2025 address', 'Thôn Na Hối, Xã Bảo Nhai, Tỉnh Lào Cai', { communeCode: BAO_NHAI_2025, split: false }],
    [
      'an old-map address, converted',
      'Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
      { communeCode: BAO_NHAI_2025, legacyCommuneCode: BAO_NHAI_OLD.code, legacyDistrictCode: BAC_HA_DISTRICT, split: false },
    ],
    ['neither', 'Số 1, Đường Hoàng Liên', undefined],
  ])('%s', (_, address, place) => {
    expect(placeOfAddress(address, '2026-12-07')).toEqual(place);
  });
});
