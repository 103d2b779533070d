import { Injectable } from '@nestjs/common';
import { findOcopProvince } from '@ocop/admin-map';
import { localDayOf } from '@ocop/domain';
import { NationalOverviewResponse, NationalProvinceResponse, NationalQuery } from './dto/national.dto';
import { NationalRepository, type ProvinceCountsRow } from './national.repository';

/** How far ahead the national view looks for expiring certificates. */
export const EXPIRING_WITHIN_DAYS = 90;
const LISTED = 200;

/** The central office's view of every province: products and stars by province, targets, nominees, expiries. */
@Injectable()
export class NationalService {
  constructor(private readonly repository: NationalRepository) {}

  async overview(query: NationalQuery, now = new Date()): Promise<NationalOverviewResponse> {
    const year = query.year ?? localDayOf(now).year;
    const [rows, nominees, expiring] = await Promise.all([
      this.repository.provinces(year),
      this.repository.nominees(year, LISTED),
      this.repository.expiring(now, EXPIRING_WITHIN_DAYS, LISTED),
    ]);
    const provinces = rows.map(toProvince);
    return {
      year,
      asOf: now.toISOString(),
      provinces,
      total: sum(provinces),
      nominees: nominees.map((r) => ({
        productId: r.product_id,
        name: r.name,
        provinceCode: r.province_code,
        provinceName: provinceName(r.province_code),
        districtCode: r.district_code,
        organisationName: r.organisation_name,
        sessionId: r.session_id,
        since: new Date(r.updated_at).toISOString(),
      })),
      nomineesTotal: provinces.reduce((total, p) => total + p.nominees, 0),
      expiring: expiring.rows.map((r) => ({
        certificateNo: r.certificate_no,
        productId: r.product_id,
        productName: r.product_name,
        provinceCode: r.province_code,
        provinceName: provinceName(r.province_code),
        stars: r.stars,
        status: r.status,
        expiresAt: new Date(r.expires_at).toISOString(),
      })),
      expiringTotal: expiring.total,
      expiringWithinDays: EXPIRING_WITHIN_DAYS,
    };
  }
}

const provinceName = (code: string): string => findOcopProvince(code)?.vi ?? code;

function toProvince(row: ProvinceCountsRow): NationalProvinceResponse {
  const province = findOcopProvince(row.province_code);
  const stars = { three: row.certified_3, four: row.certified_4, five: row.certified_5 };
  return {
    provinceCode: row.province_code,
    name: province?.vi ?? row.province_code,
    nameEn: province?.en ?? row.province_code,
    ruleSet: row.rule_set,
    products: row.products,
    stars,
    certified: stars.three + stars.four + stars.five,
    target: row.target,
    nominees: row.nominees,
  };
}

function sum(provinces: readonly NationalProvinceResponse[]): NationalProvinceResponse {
  const add = (pick: (p: NationalProvinceResponse) => number) => provinces.reduce((total, p) => total + pick(p), 0);
  const withTarget = provinces.filter((p) => p.target !== null);
  return {
    provinceCode: 'vn',
    name: 'Toàn quốc',
    nameEn: 'Nationwide',
    ruleSet: null,
    products: add((p) => p.products),
    stars: { three: add((p) => p.stars.three), four: add((p) => p.stars.four), five: add((p) => p.stars.five) },
    certified: add((p) => p.certified),
    target: withTarget.length > 0 ? withTarget.reduce((total, p) => total + p.target!, 0) : null,
    nominees: add((p) => p.nominees),
  };
}
