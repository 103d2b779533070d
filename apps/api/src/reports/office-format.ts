// Shared by the office's documents: Vietnam's dates (dd/mm/yyyy, 24 h, Asia/Ho_Chi_Minh: UTC+7, no daylight saving),
// names of stages, districts and groups, and HTML escaping.
import { findProductGroup, isRuleSetCode } from '@ocop/domain';
import { findOcopDistrict } from '@ocop/admin-map';

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const two = (n: number) => String(n).padStart(2, '0');

export function vnDate(value: Date | string): string {
  const d = new Date(new Date(value).getTime() + VIETNAM_OFFSET_MS);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function vnDateTime(value: Date | string): string {
  const d = new Date(new Date(value).getTime() + VIETNAM_OFFSET_MS);
  return `${vnDate(value)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

export const STAGE_NAMES: Record<string, { vi: string; en: string }> = {
  idea_submitted: { vi: 'Đã đăng ký ý tưởng', en: 'Idea submitted' },
  awaiting_idea_review: { vi: 'Chờ xét duyệt ý tưởng', en: 'Awaiting idea review' },
  changes_requested: { vi: 'Yêu cầu bổ sung', en: 'Changes requested' },
  business_plan_due: { vi: 'Chờ phương án kinh doanh', en: 'Business plan due' },
  dossier_due: { vi: 'Chờ hồ sơ đánh giá', en: 'Dossier due' },
  awaiting_commune_check: { vi: 'Chờ xã kiểm tra hồ sơ', en: 'Awaiting commune check' },
  awaiting_lab_test: { vi: 'Chờ kết quả kiểm nghiệm', en: 'Awaiting lab test' },
  awaiting_district_session: { vi: 'Chờ hội đồng cấp huyện', en: 'Awaiting district council' },
  awaiting_province_session: { vi: 'Chờ hội đồng cấp tỉnh', en: 'Awaiting provincial council' },
  awaiting_central_session: { vi: 'Chờ hội đồng trung ương', en: 'Awaiting central council' },
  rejected: { vi: 'Không được chấp thuận', en: 'Rejected' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
  not_qualified: { vi: 'Không đạt', en: 'Not qualified' },
  failed_lab_test: { vi: 'Không đạt kiểm nghiệm', en: 'Failed lab test' },
  certified: { vi: 'Đã được chứng nhận', en: 'Certified' },
};

export const stageName = (stage: string) => STAGE_NAMES[stage] ?? { vi: stage, en: stage };
export const districtName = (code: string) => findOcopDistrict(code)?.vi ?? code;
export function groupName(ruleSet: string, code: string): string {
  return (isRuleSetCode(ruleSet) ? findProductGroup(ruleSet, code)?.vi : undefined) ?? code;
}

export const LEVEL_NAMES: Record<string, { vi: string; en: string }> = {
  commune: { vi: 'cấp xã', en: 'commune' },
  district: { vi: 'cấp huyện', en: 'district' },
  province: { vi: 'cấp tỉnh', en: 'provincial' },
  central: { vi: 'cấp trung ương', en: 'central' },
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A printable A4 page: no script, styles inline (a clerk opens it and prints it; CSP-safe). */
export function printablePage(title: string, body: string, landscape = false): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 15mm; }
  body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 12pt; color: #000; margin: 0 auto; max-width: ${landscape ? '267mm' : '180mm'}; padding: 8mm; }
  .en { color: #555; font-size: 0.85em; }
  header.nation { display: flex; justify-content: space-between; text-align: center; margin-bottom: 6mm; }
  header.nation div { width: 48%; }
  h1 { text-align: center; font-size: 15pt; margin: 4mm 0 1mm; }
  h2 { font-size: 13pt; margin: 5mm 0 2mm; }
  p.sub { text-align: center; margin: 0 0 4mm; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
  th, td { border: 1px solid #444; padding: 1.2mm 2mm; vertical-align: top; }
  th { background: #eef2f6; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .ok { color: #1b5e20; } .warn { color: #b00020; font-weight: bold; }
  .signatures { display: flex; justify-content: space-between; margin-top: 10mm; text-align: center; }
  .signatures div { width: 45%; }
  @media print { body { padding: 0; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
