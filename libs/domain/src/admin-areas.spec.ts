import { areaOf, findCurrentAddress, placeFromAddress } from './admin-areas';
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
