import { mayRegisterIn } from './organisation-rules';

describe('mayRegisterIn', () => {
  const bacHa = { code: 'bac-ha', provinceCode: 'lao-cai' };
  const elsewhere = { code: 'dong-van', provinceCode: 'ha-giang' };
  it.each([
    ['admin, anywhere', { role: 'admin' }, elsewhere, true],
    ['provincial coordinator, a district of its province', { role: 'provincial_coordinator', provinceCode: 'lao-cai' }, bacHa, true],
    ['provincial coordinator, another province', { role: 'provincial_coordinator', provinceCode: 'lao-cai' }, elsewhere, false],
    ['district coordinator, its district', { role: 'district_coordinator', districtCode: 'bac-ha', provinceCode: 'lao-cai' }, bacHa, true],
    ['district coordinator, another district of the province', { role: 'district_coordinator', districtCode: 'bat-xat', provinceCode: 'lao-cai' }, bacHa, false],
    ['district coordinator without a district', { role: 'district_coordinator' }, bacHa, false],
    ['producer', { role: 'producer', provinceCode: 'lao-cai' }, bacHa, false],
    ['inspector', { role: 'inspector' }, bacHa, false],
  ] as const)('%s → %s', (_case, user, district, expected) => {
    expect(mayRegisterIn(user, district)).toBe(expected);
  });
});
