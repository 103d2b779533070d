import { nameKey, provinces } from '@ocop/admin-map';

/**
 * Certificate numbers: `<province prefix>-<year>-<sequence>`, e.g. `LC-2021-0007`, or `LC15-2026-0007` for a
 * province of the 2025 map (its initials and its GSO code, which alone tells Lào Cai 15 from Lai Châu 12). The sequence is zero-padded to
 * four digits and grows wider past 9999 (`LC-2021-10000`). Numbers are allocated per (province, year) without gaps
 * by CertificateNumberAllocator; this file is the pure format.
 */

/** The initials of a province's name without its type, tone marks dropped ("Tỉnh Đắk Lắk" → DL), then its code. */
function prefixOf(vi: string, code: string): string {
  const name = vi.replace(/^(Tỉnh|Thành phố) /, '');
  const words = name.split(' ').map((word) => nameKey(word).toUpperCase());
  const letters = words.length === 1 ? words[0]!.slice(0, 2) : words.map((word) => word[0]).join('');
  return `${letters}${code}`;
}

/**
 * Province code → the prefix printed on its certificates: the 2021 plan's Lào Cai (reference data LAO_CAI.code),
 * and the 34 provinces of the 2025 map by their GSO code.
 */
export const PROVINCE_PREFIXES: Record<string, string> = {
  'lao-cai': 'LC',
  ...Object.fromEntries(provinces('2025').map((p) => [p.code, prefixOf(p.vi, p.code)])),
};

export interface ParsedCertificateNo {
  prefix: string;
  year: number;
  seq: number;
}

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const SEQ_WIDTH = 4;
const CERTIFICATE_NO = /^([A-Z]{2,4}(?:\d{2})?)-(\d{4})-(\d{4,})$/;

/** The prefix of a known province; throws naming the province otherwise. */
export function provincePrefix(provinceCode: string): string {
  const prefix = Object.prototype.hasOwnProperty.call(PROVINCE_PREFIXES, provinceCode) ? PROVINCE_PREFIXES[provinceCode] : undefined;
  if (!prefix)
    throw new Error(`Unknown province for certificate numbers: "${provinceCode}" (known: lao-cai and the 34 GSO province codes)`);
  return prefix;
}

/** Throws unless the year is a four-digit integer (the number format has exactly four year digits). */
export function assertCertificateYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new Error(`Certificate year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`);
  }
}

export function formatCertificateNo(provinceCode: string, year: number, seq: number): string {
  const prefix = provincePrefix(provinceCode);
  assertCertificateYear(year);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`Certificate sequence must be a positive integer, got ${seq}`);
  return `${prefix}-${year}-${String(seq).padStart(SEQ_WIDTH, '0')}`;
}

/**
 * Reads a certificate number in its canonical form only (what formatCertificateNo writes): `LC-2021-7` and
 * `LC-2021-00007` are not certificate numbers. The prefix is not checked against PROVINCE_PREFIXES.
 */
export function parseCertificateNo(no: string): ParsedCertificateNo | undefined {
  const match = CERTIFICATE_NO.exec(no);
  if (!match) return undefined;
  const [, prefix, yearText, seqText] = match as unknown as [string, string, string, string];
  const year = Number(yearText);
  const seq = Number(seqText);
  if (year < MIN_YEAR || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  if (seqText !== String(seq).padStart(SEQ_WIDTH, '0')) return undefined;
  return { prefix, year, seq };
}
