import type { UserRecord } from '@ocop/identity';

/** Whether the caller may register an organisation in the district: its own district, its own province, or admin. */
export function mayRegisterIn(user: Pick<UserRecord, 'role' | 'districtCode' | 'provinceCode'>, district: { code: string; provinceCode: string }): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'provincial_coordinator':
      return !!user.provinceCode && user.provinceCode === district.provinceCode;
    case 'district_coordinator':
      return !!user.districtCode && user.districtCode === district.code;
    default:
      return false;
  }
}
