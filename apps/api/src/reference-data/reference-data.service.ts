import { Injectable } from '@nestjs/common';
import { CERTIFIABLE_STARS, CERTIFICATE_VALIDITY_MONTHS, productGroups, RULE_SET_CODES, ruleSet, STAR_BANDS } from '@ocop/domain';
import { communesOf, OCOP_PROVINCES } from '@ocop/admin-map';
import { currentProvinceOf } from '@ocop/admin-areas';
import { OcopError } from '@ocop/domain';

/** The reference data the rules run on, as clients need it to build forms: read from libs/domain, never copied. */
@Injectable()
export class ReferenceDataService {
  read() {
    return {
      ruleSets: RULE_SET_CODES.map((code) => {
        const { title, parts, levels, labTestingBefore } = ruleSet(code);
        return { code, title, parts, levels, labTestingBefore, productGroups: productGroups(code) };
      }),
      provinces: OCOP_PROVINCES.map(({ code, vi, en, districts }) => ({ code, vi, en, districts })),
      starBands: STAR_BANDS,
      certifiableStars: CERTIFIABLE_STARS,
      certificateValidityMonths: CERTIFICATE_VALIDITY_MONTHS,
      timeZone: 'Asia/Ho_Chi_Minh',
    };
  }

  /** A province's communes on the 2025 map, sorted by name (the 2021 plan's Lào Cai gives the new Lào Cai's). */
  communes(province: string) {
    const current = currentProvinceOf(province);
    if (!current) throw new OcopError('NOT_FOUND', { resource: 'province', id: province });
    return communesOf(current)
      .map(({ code, vi, type }) => ({ code, vi, type }))
      .sort((a, b) => a.vi.localeCompare(b.vi, 'vi'));
  }
}
