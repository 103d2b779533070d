// Pure pieces of the coordinators' progress view: totals, targets, the cycle calendar's windows, deadline items.
import type { CycleCalendar, CycleTargets } from '@ocop/contracts';
import { CALENDAR_ORDER } from '@ocop/domain';
import { findCommune, findOcopDistrict } from '@ocop/admin-map';

/** How many items a deadline list shows (its totals always count them all). */
/** Items listed per deadline list unless the caller asks for more (up to 200): the dashboard polls every 10 s. */
export const DEADLINE_ITEM_LIMIT = 50;
/** "Deadlines soon": the next 14 days. */
export const UPCOMING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export const OVERDUE_KINDS = ['product_step', 'lab_result', 'inspection_report'] as const;
export const UPCOMING_KINDS = ['product_step', 'lab_result', 'session', 'calendar_window'] as const;
export type DeadlineKind = (typeof OVERDUE_KINDS)[number] | (typeof UPCOMING_KINDS)[number];

/** One deadline (overdue, or coming up), with the id of what it concerns and the API path to it. */
export interface DeadlineItem {
  readonly kind: DeadlineKind;
  readonly dueAt: string;
  readonly link: string;
  readonly productId?: string;
  readonly productName?: string;
  readonly stage?: string;
  readonly requestId?: string;
  readonly labId?: string;
  readonly attempt?: number;
  readonly certificateNo?: string;
  readonly round?: number;
  readonly inspectorId?: string;
  readonly sessionId?: string;
  readonly level?: string;
  readonly areaCode?: string;
  readonly window?: string;
  readonly districtCode?: string;
  readonly productGroup?: string;
}

export interface ProgressCell {
  readonly stage: string;
  readonly districtCode: string;
  readonly productGroup: string;
  readonly products: number;
}

export interface TargetProgress {
  readonly target: number;
  readonly actual: number;
  readonly met: boolean;
  /** A target of 0 is no target: neither met nor missed. */
  readonly status: 'met' | 'missed' | 'no_target';
}

export type TargetsProgress = Record<keyof CycleTargets, TargetProgress>;

export const linkTo = {
  product: (productId: string) => `/products/${productId}`,
  labRequest: (requestId: string) => `/lab-requests/${encodeURIComponent(requestId)}`,
  certificate: (certificateNo: string) => `/certificates/${encodeURIComponent(certificateNo)}`,
  session: (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`,
  cycle: (provinceCode: string, year: number) => `/cycles/${encodeURIComponent(provinceCode)}/${year}`,
};

/** Products per stage, and in all, from the stage × district × group cells. */
export function stageTotals(cells: readonly ProgressCell[]): { products: number; byStage: Record<string, number> } {
  const byStage: Record<string, number> = {};
  let products = 0;
  for (const cell of cells) {
    byStage[cell.stage] = (byStage[cell.stage] ?? 0) + cell.products;
    products += cell.products;
  }
  return { products, byStage };
}

/** Each target with what was achieved; met when the actual reaches a target above 0; a 0 target is no target. */
export function targetsProgress(targets: Partial<CycleTargets> | null | undefined, actual: CycleTargets): TargetsProgress {
  const one = (key: keyof CycleTargets): TargetProgress => {
    const raw = targets?.[key];
    const target = typeof raw === 'number' && Number.isFinite(raw) ? raw : 0;
    const status = target <= 0 ? 'no_target' : actual[key] >= target ? 'met' : 'missed';
    return { target, actual: actual[key], met: status === 'met', status };
  };
  return {
    newCertifiedProducts: one('newCertifiedProducts'),
    organisationsConsolidated: one('organisationsConsolidated'),
    newOrganisations: one('newOrganisations'),
  };
}

/** The calendar's windows that close in [from, until), as deadline items linking to the cycle. */
export function calendarWindowsBetween(
  calendar: Partial<CycleCalendar>,
  from: Date,
  until: Date,
  provinceCode: string,
  year: number,
): DeadlineItem[] {
  const items: DeadlineItem[] = [];
  for (const window of CALENDAR_ORDER) {
    const value = calendar[window];
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at) || at < from.getTime() || at >= until.getTime()) continue;
    items.push({ kind: 'calendar_window', dueAt: new Date(at).toISOString(), window, link: linkTo.cycle(provinceCode, year) });
  }
  return items;
}

export const upcomingUntil = (now: Date, days = UPCOMING_DAYS): Date => new Date(now.getTime() + days * DAY_MS);

const idOf = (item: DeadlineItem): string =>
  item.productId ??
  item.requestId ??
  (item.certificateNo ? `${item.certificateNo}#${item.round ?? 0}` : undefined) ??
  item.sessionId ??
  item.window ??
  '';

/** Earliest first; ties in a stable order (kind, then id), so the same data always lists the same way. */
export function byDueDate(a: DeadlineItem, b: DeadlineItem): number {
  return a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind) || idOf(a).localeCompare(idOf(b));
}

/** Several lists of deadlines as one, earliest first, at most `limit` items; the totals by kind count them all. */
export function mergeDeadlines<K extends string>(
  kinds: readonly K[],
  lists: readonly { readonly items: readonly DeadlineItem[]; readonly total: number; readonly kind: K }[],
  limit = DEADLINE_ITEM_LIMIT,
): { total: number; byKind: Record<K, number>; items: DeadlineItem[] } {
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, 0])) as Record<K, number>;
  for (const list of lists) byKind[list.kind] += list.total;
  const items = lists
    .flatMap((list) => list.items)
    .sort(byDueDate)
    .slice(0, limit);
  return { total: Object.values<number>(byKind).reduce((sum, n) => sum + n, 0), byKind, items };
}

/** Products of one area (a commune, or a district) in one stage; a product of no known area has a null code. */
export interface AreaCell {
  readonly areaCode: string | null;
  readonly stage: string;
  readonly products: number;
}

/** An area's products in all and by stage, with the area's name. */
export interface AreaProgress {
  readonly level: 'commune' | 'district';
  readonly code: string | null;
  readonly name: string;
  readonly products: number;
  readonly byStage: Record<string, number>;
}

/** The cells' district as area cells (a district cycle groups by district). */
export const districtCells = (cells: readonly ProgressCell[]): AreaCell[] =>
  cells.map((c) => ({ areaCode: c.districtCode, stage: c.stage, products: c.products }));

/** Products by area at the cycle's area level, named from the maps; the most products first, then by name; no known area last. */
export function progressByArea(level: AreaProgress['level'], cells: readonly AreaCell[]): AreaProgress[] {
  const areas = new Map<string | null, { products: number; byStage: Record<string, number> }>();
  for (const cell of cells) {
    const area = areas.get(cell.areaCode) ?? { products: 0, byStage: {} };
    area.products += cell.products;
    area.byStage[cell.stage] = (area.byStage[cell.stage] ?? 0) + cell.products;
    areas.set(cell.areaCode, area);
  }
  return [...areas.entries()]
    .map(([code, area]) => ({ level, code, name: areaName(level, code), ...area }))
    .sort((a, b) => Number(a.code === null) - Number(b.code === null) || b.products - a.products || a.name.localeCompare(b.name, 'vi'));
}

function areaName(level: AreaProgress['level'], code: string | null): string {
  const name = code === null ? undefined : level === 'commune' ? findCommune(code)?.vi : findOcopDistrict(code)?.vi;
  return name ?? code ?? (level === 'commune' ? 'Chưa xác định xã / No commune' : 'Chưa xác định huyện / No district');
}
