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
  MAP_REFORM_DATE,
  matchesName,
  provinceAfterReform,
  provinces,
  communesOf,
} from './admin-map';
import { LAO_CAI } from './reference-data';

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

/** A cycle belongs to its year's map: one of 2025 or before runs on the old map (its area level is the rule set's). */
export const cycleOpensOn = (cycleYear: number): string => `${cycleYear}-01-01`;

/** Where an organisation is registered (its district's province) and where it is on the 2025 map. */
export interface RegisteredOrganisation extends OrganisationPlace {
  readonly districtCode: string;
  readonly provinceCode: string;
}

/**
 * Where an organisation takes part in a cycle of `cycleYear` under `ruleSet` (a function, as the cycle is looked up
 * in the province found): on the old map, the province and district it registered in; on the 2025 map, the
 * province of its commune (Bắc Hà's organisations go to the new Lào Cai, 15) with the old district it was in. The
 * commune is the product's area when the cycle's area level is the commune.
 */
export function cycleProvinceOf(organisation: RegisteredOrganisation, cycleYear: number): string {
  const commune = organisation.communeCode ? findCommune(organisation.communeCode) : undefined;
  return mapOn(cycleOpensOn(cycleYear)) === '2025' && commune ? commune.provinceCode : organisation.provinceCode;
}

/** The district a product of the organisation carries in a cycle of `provinceCode`: its old district when that province is not the one it registered in. */
export function cycleDistrictOf(organisation: RegisteredOrganisation, provinceCode: string): string {
  return provinceCode === organisation.provinceCode
    ? organisation.districtCode
    : (organisation.legacyDistrictCode ?? organisation.districtCode);
}

/**
 * The 2025 province an OCOP province code stands for: a 2025 GSO code itself; the 2021 plan's Lào Cai (`lao-cai`,
 * old GSO 10) the new Lào Cai, 15. Undefined for anything else.
 */
export function currentProvinceOf(provinceCode: string): string | undefined {
  if (provinces('2025').some((p) => p.code === provinceCode)) return provinceCode;
  if (provinceCode !== LAO_CAI.code) return undefined;
  const old = provinces('legacy').find((p) => matchesName(p.vi, `Tỉnh ${LAO_CAI.vi}`) || matchesName(p.vi, LAO_CAI.vi));
  return old && provinceAfterReform(old.code)?.code;
}

/**
 * An organisation's place from an address given today: a 2025 address as it is, else an old-map address (commune,
 * district, province) converted — an organisation that registered before the reform keeps its old commune and
 * district beside its new commune.
 */
export function placeOfAddress(address: string, today: string): ReturnType<typeof placeFromAddress> {
  return placeFromAddress(address, today) ?? placeFromAddress(address, dayBefore(MAP_REFORM_DATE));
}

const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
