import { CERTIFICATE_VALIDITY_MONTHS } from './reference-data';
import { addDays, addMonths } from './deadlines';

/**
 * Certificates (DESIGN §1): valid 36 months from issue; re-inspected (hậu kiểm) each year after issue; a failed
 * inspection gives a remediation deadline and failing again revokes; the producer is reminded to enter
 * re-evaluation before expiry. Dates are UTC instants; month arithmetic clamps to the month's end.
 */

/** How long a certificate is valid (rule-sets.json certificateValidityMonths). */
export const CERTIFICATE_VALIDITY_MONTHS_DEFAULT: number = CERTIFICATE_VALIDITY_MONTHS;
/** Months after issue at which a certificate is re-inspected (yearly, before it expires). */
export const INSPECTION_MONTHS = [12, 24] as const;
/** Days the producer has to remedy a failed inspection. */
export const REMEDIATION_DAYS = 30;
/** Days before expiry at which the producer is reminded to enter re-evaluation. */
export const RE_EVALUATION_REMINDER_DAYS = [90, 30] as const;

export interface CertificateSchedule {
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly inspectionsDue: readonly Date[];
  readonly reEvaluationReminders: readonly Date[];
}

/** Expiry, yearly inspections and re-evaluation reminders of a certificate issued at `issuedAt`, in time order. */
export function certificateSchedule(issuedAt: Date): CertificateSchedule {
  const expiresAt = addMonths(issuedAt, CERTIFICATE_VALIDITY_MONTHS_DEFAULT);
  return {
    issuedAt: new Date(issuedAt.getTime()),
    expiresAt,
    inspectionsDue: INSPECTION_MONTHS.map((months) => addMonths(issuedAt, months)),
    reEvaluationReminders: RE_EVALUATION_REMINDER_DAYS.map((days) => addDays(expiresAt, -days)),
  };
}

/** The remediation deadline for a failed inspection reported at `reportedAt`. */
export function remediationDueAt(reportedAt: Date): Date {
  return addDays(reportedAt, REMEDIATION_DAYS);
}

export type InspectionVerdict = 'pass' | 'fail';

/**
 * The certificate's standing after an inspection, given the consecutive failed inspections before it: a pass
 * restores good standing; a first failure opens remediation; a failure right after a failure revokes.
 */
export function afterInspection(previousFailures: number, verdict: InspectionVerdict): 'in_good_standing' | 'remediation' | 'revoked' {
  if (!Number.isSafeInteger(previousFailures) || previousFailures < 0) {
    throw new RangeError(`previous failures is a whole number ≥ 0, got ${previousFailures}`);
  }
  if (verdict === 'pass') return 'in_good_standing';
  return previousFailures >= 1 ? 'revoked' : 'remediation';
}
