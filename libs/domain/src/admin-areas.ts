// Where a producer organisation belongs on each map, and so in a cycle's grouping (progress, dashboard,
// register): by commune on the 2025 map, by district on the old one. Pure; the maps come from admin-map.ts.
import {
  type Commune,
  convertLegacyAddress,
  convertLegacyCommune,
  findCommune,
  findLegacyCommune,
  findLegacyDistrict,
  type LegacyDistrict,
  mapOn,
  matchesName,
  provinces,
  communesOf,
} from './admin-map';

/** An organisation's place: its 2025 commune, and when it registered before the reform, its old commune and district. */
export interface OrganisationPlace {
  readonly communeCode?: string;
  readonly legacyCommuneCode?: string;
  readonly legacyDistrictCode?: string;
}

export interface Area {
  readonly level: 'commune' | 'district';
  readonly code: string;
  readonly vi: string;
  readonly provinceCode: string;
}

/**
 * The area an organisation is grouped under in a cycle working by `level`. On the 2025 map its commune, or the
 * commune its old commune became; on the old map its old district, or the district of its old commune. A place
 * given only as a 2025 commune has no old district (new communes straddle old districts): undefined.
 */
export function areaOf(place: OrganisationPlace, level: Area['level']): Area | undefined {
  if (level === 'commune') {
    const commune: Commune | undefined =
      (place.communeCode ? findCommune(place.communeCode) : undefined) ??
      (place.legacyCommuneCode ? convertLegacyCommune(place.legacyCommuneCode) : undefined);
    return commune && { level, code: commune.code, vi: commune.vi, provinceCode: commune.provinceCode };
  }
  const districtCode =
    place.legacyDistrictCode ?? (place.legacyCommuneCode ? findLegacyCommune(place.legacyCommuneCode)?.districtCode : undefined);
  const district: LegacyDistrict | undefined = districtCode ? findLegacyDistrict(districtCode) : undefined;
  return district && { level, code: district.code, vi: district.vi, provinceCode: district.provinceCode };
}

/** "Xã Bảo Nhai, Tỉnh Lào Cai" on the 2025 map (commune, province; anything before is street or village). */
export function findCurrentAddress(address: string): Commune | undefined {
  const parts = address
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length < 2) return undefined;
  const [communeName, provinceName] = parts.slice(-2) as [string, string];
  const province = provinces('2025').find((p) => matchesName(p.vi, provinceName));
  return province && communesOf(province.code).find((c) => matchesName(c.vi, communeName));
}

/**
 * An organisation's place from the address it registered with: an old-map address (commune, district, province)
 * when it registered before the reform, converted, so it keeps its district for old cycles and certificates and
 * gains its commune for new ones; a 2025 address (commune, province) after. `split` asks a person to confirm the
 * commune: the old one was divided and the converted one is the one that took its seat.
 */
export function placeFromAddress(address: string, registeredOn: string): (OrganisationPlace & { readonly split: boolean }) | undefined {
  if (mapOn(registeredOn) === 'legacy') {
    const converted = convertLegacyAddress(address);
    return (
      converted && {
        communeCode: converted.after.commune.code,
        legacyCommuneCode: converted.before.commune.code,
        legacyDistrictCode: converted.before.district.code,
        split: converted.split,
      }
    );
  }
  const commune = findCurrentAddress(address);
  return commune && { communeCode: commune.code, split: false };
}
