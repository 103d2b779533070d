import type { Actor } from './actors';

export const CERTIFICATE_LIFECYCLE_WORKFLOW = 'certificateLifecycle';

export interface CertificateLifecycleInput {
  readonly certificateNo: string;
  readonly productId: string;
  readonly productName: string;
  readonly organisationId: string;
  readonly provinceCode: string;
  readonly stars: number;
  readonly issuedAt: string;
  readonly inspectorId: string;
  readonly inspectorWebhookUrl?: string;
  /** Days the inspector has to report after an inspection falls due (the cycle's calendar.inspectionReportDays). */
  readonly inspectionReportDays?: number;
}

export type CertificateStatus = 'valid' | 'remediation' | 'revoked' | 'expired' | 'superseded';

export interface InspectionState {
  readonly round: number;
  readonly dueAt: string;
  readonly reportDueAt: string;
  verdict?: 'pass' | 'fail';
  remediationDueAt?: string;
  reInspectionVerdict?: 'pass' | 'fail';
}

export interface CertificateState {
  readonly certificateNo: string;
  readonly stars: number;
  readonly issuedAt: string;
  readonly expiresAt: string;
  status: CertificateStatus;
  inspections: InspectionState[];
  /** What the inspector is expected to do now. */
  awaiting?: 'inspection_report' | 're_inspection_report';
  supersededBy?: string;
  reason?: string;
  lastEventSeq: number;
}

export interface InspectionReportRequest {
  readonly actor: Actor;
  readonly verdict: 'pass' | 'fail';
  readonly notes?: string;
}

export interface CertificateSupersededSignal {
  readonly newCertificateNo: string;
  readonly stars: number;
}
