// What GET /lab-requests and POST /lab-requests/:id/results answer (see the API's LabRequestResponse).

export const LAB_STATUSES = ['requested', 'passed', 'failed', 'overdue'] as const;
export type LabStatus = (typeof LAB_STATUSES)[number];

export interface LabIndicator {
  indicator: string;
  value?: string;
  passed: boolean;
}

export interface LabRequest {
  requestId: string;
  productId: string;
  workflowId: string;
  productName: string;
  productGroup: string;
  cycleYear: number;
  provinceCode: string;
  districtCode: string;
  labId: string;
  attempt: number;
  status: string;
  requestedAt: string;
  dueAt: string | null;
  results: LabIndicator[] | null;
  decidedAt: string | null;
}

export interface LabResults {
  request: LabRequest;
  productStage: string;
  retest?: LabRequest;
}
