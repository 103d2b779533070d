/**
 * Certificate numbers: `<province prefix>-<year>-<sequence>`, e.g. `LC-2021-0007`. The sequence is zero-padded to
 * four digits and grows wider past 9999 (`LC-2021-10000`). Numbers are allocated per (province, year) without gaps
 * by CertificateNumberAllocator; this file is the pure format.
 */

/** Province code (as in the reference data, e.g. LAO_CAI.code) → the prefix printed on its certificates. */
export const PROVINCE_PREFIXES: Record<string, string> = {
  'lao-cai': 'LC',
};

export interface ParsedCertificateNo {
  prefix: string;
  year: number;
  seq: number;
}

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const SEQ_WIDTH = 4;
const CERTIFICATE_NO = /^([A-Z]{2,4})-(\d{4})-(\d{4,})$/;

/** The prefix of a known province; throws naming the province otherwise. */
export function provincePrefix(provinceCode: string): string {
  const prefix = Object.prototype.hasOwnProperty.call(PROVINCE_PREFIXES, provinceCode) ? PROVINCE_PREFIXES[provinceCode] : undefined;
  if (!prefix) throw new Error(`Unknown province for certificate numbers: "${provinceCode}" (known: ${Object.keys(PROVINCE_PREFIXES).join(', ')})`);
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
