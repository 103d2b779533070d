// GET /cycles and GET /cycles/:province/:year/progress, as the dashboard reads them (apps/api/src/cycles/dto).

export interface CycleSummary {
  provinceCode: string;
  year: number;
  ruleSet: string;
  status: string;
  calendar: Record<string, string | number>;
  targets: Record<TargetKey, number>;
}

export const TARGET_KEYS = ['newCertifiedProducts', 'organisationsConsolidated', 'newOrganisations'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export interface TargetProgress {
  target: number;
  actual: number;
  met: boolean;
  status?: 'met' | 'missed' | 'no_target';
}

export interface DeadlineItem {
  kind: string;
  dueAt: string;
  link: string;
  productId?: string;
  productName?: string;
  stage?: string;
  requestId?: string;
  labId?: string;
  attempt?: number;
  certificateNo?: string;
  round?: number;
  inspectorId?: string;
  sessionId?: string;
  level?: string;
  areaCode?: string;
  window?: string;
  districtCode?: string;
  productGroup?: string;
}

export interface DeadlineList {
  total: number;
  byKind: Record<string, number>;
  items: DeadlineItem[];
}

export interface CycleProgress {
  provinceCode: string;
  year: number;
  ruleSet: string;
  asOf: string;
  filters: { district: string | null; productGroup: string | null };
  totals: { products: number; byStage: Record<string, number> };
  byStageDistrictGroup: { stage: string; districtCode: string; productGroup: string; products: number }[];
  /** The cycle's area level, and its products by area (communes in a commune cycle). */
  areaLevel: 'commune' | 'district';
  byArea: { level: 'commune' | 'district'; code: string | null; name: string; products: number; byStage: Record<string, number> }[];
  certified: number;
  stars: Record<string, number>;
  targets: Record<TargetKey, TargetProgress>;
  overdue: DeadlineList;
  upcoming: DeadlineList & { days: number; until: string };
}
