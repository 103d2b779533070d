// What GET /inspections and POST /inspections/:certificateNo/report answer (see the API's InspectionResponse).

export const INSPECTION_STATUSES = ['requested', 'passed', 'failed', 'overdue', 'revoked'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export interface Inspection {
  certificateNo: string;
  round: number;
  inspectorId: string | null;
  productId: string;
  productName: string | null;
  organisationId: string;
  provinceCode: string;
  stars: number | null;
  certificateStatus: string | null;
  status: string;
  dueAt: string;
  reportDueAt: string;
  remediationDueAt: string | null;
  verdict: string | null;
  reInspectionVerdict: string | null;
  requestedAt: string;
}

export interface InspectionReportResult {
  certificateNo: string;
  certificateStatus: string;
  awaiting?: 'inspection_report' | 're_inspection_report';
  inspection: Inspection | null;
}

/** A report is awaited for the round: the yearly inspection, or the re-inspection after a fail (during remediation). */
export const awaitsReport = (i: Inspection): boolean =>
  (i.status === 'requested' || (i.status === 'failed' && i.certificateStatus === 'remediation')) &&
  !['revoked', 'superseded', 'expired'].includes(i.certificateStatus ?? '');

/** The deadline that matters now: the re-inspection's after a fail, else the report's. */
export const deadlineOf = (i: Inspection): string => (i.status === 'failed' && i.remediationDueAt ? i.remediationDueAt : i.reportDueAt);
