import { parseCertificateNo } from '@ocop/certificates';
import type { CertificateStatus } from '@ocop/contracts';

export const CERTIFICATE_STATUSES: readonly CertificateStatus[] = ['valid', 'remediation', 'revoked', 'expired', 'superseded'];

/** What a shopper reads next to the status (Vietnamese first, English beside it). */
export const STATUS_LABELS: Record<CertificateStatus, { vi: string; en: string }> = {
  valid: { vi: 'Còn hiệu lực', en: 'Valid' },
  remediation: { vi: 'Còn hiệu lực — đang khắc phục sau kiểm tra', en: 'Valid — remediation after an inspection in progress' },
  revoked: { vi: 'Đã bị thu hồi', en: 'Revoked' },
  expired: { vi: 'Hết hiệu lực', en: 'Expired' },
  superseded: { vi: 'Đã được thay thế bằng giấy chứng nhận mới', en: 'Superseded by a newer certificate' },
};

/**
 * The status as of `now`: a certificate still valid (or in remediation) in the read model whose 36 months are over
 * is expired, even before its lifecycle workflow has recorded CertificateExpired. Anything unknown reads as revoked,
 * never as valid.
 */
export function effectiveStatus(status: string, expiresAt: Date | string, now: Date = new Date()): CertificateStatus {
  const known = (CERTIFICATE_STATUSES as readonly string[]).includes(status) ? (status as CertificateStatus) : 'revoked';
  if ((known === 'valid' || known === 'remediation') && new Date(expiresAt).getTime() <= now.getTime()) return 'expired';
  return known;
}

/** The same SQL rule, for filters and lists (`alias` is the certificates table, `$n` the time). */
export const effectiveStatusSql = (alias: string, nowParam: string): string =>
  `CASE WHEN ${alias}.status IN ('valid', 'remediation') AND ${alias}.expires_at <= ${nowParam} THEN 'expired' ELSE ${alias}.status END`;

/** Whether `no` is a certificate number in its canonical form (`LC-2021-0001`): checked before any query. */
export const isCertificateNo = (no: string): boolean => no.length <= 32 && parseCertificateNo(no) !== undefined;
