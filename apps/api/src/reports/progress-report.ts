import ExcelJS from 'exceljs';
import type { CycleProgressResponse } from '../cycles/dto/cycle-progress.response';
import { districtName, groupName, stageName, vnDate, vnDateTime } from './office-format';

/**
 * The cycle progress report (báo cáo tiến độ) the office sends to the provincial People's Committee: exactly the
 * numbers of GET /cycles/:province/:year/progress, as an XLSX workbook and as CSV.
 */

const TARGET_NAMES: Record<string, string> = {
  newCertifiedProducts: 'Sản phẩm OCOP mới được công nhận / New certified products',
  organisationsConsolidated: 'Chủ thể được củng cố, nâng cấp / Organisations consolidated',
  newOrganisations: 'Chủ thể mới / New organisations',
};

const DEADLINE_KINDS: Record<string, string> = {
  product_step: 'Bước của sản phẩm / Product step',
  lab_result: 'Kết quả kiểm nghiệm / Lab result',
  inspection_report: 'Báo cáo hậu kiểm / Inspection report',
  session: 'Phiên hội đồng / Council session',
  calendar_window: 'Mốc kế hoạch / Calendar window',
};

export async function progressWorkbook(progress: CycleProgressResponse): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'OCOP Flow';
  book.created = new Date(progress.asOf);
  const bold = { font: { bold: true } };

  const summary = book.addWorksheet('Tong hop', { properties: { tabColor: { argb: 'FF0D3B66' } } });
  summary.columns = [{ width: 52 }, { width: 14 }, { width: 14 }, { width: 10 }];
  summary.addRow([`BÁO CÁO TIẾN ĐỘ CHU KỲ OCOP ${progress.year} — ${progress.provinceCode}`]).font = { bold: true, size: 14 };
  const day = progress.asOfDate?.split('-').reverse().join('/');
  summary.addRow([
    day
      ? `Tính đến hết ngày ${day} (dữ liệu đến ${vnDateTime(progress.asOf)}) / Cycle progress report as it stood at the end of ${day}`
      : `Cycle progress report, as of ${vnDateTime(progress.asOf)} (giờ Việt Nam)`,
  ]);
  summary.addRow(['Bộ tiêu chí / Rule set', progress.ruleSet]);
  summary.addRow(['Ngày báo cáo / Date', day ?? vnDate(progress.asOf)]);
  summary.addRow(['Lọc theo huyện / District filter', progress.filters.district ?? 'Tất cả / all']);
  summary.addRow(['Lọc theo nhóm / Group filter', progress.filters.productGroup ?? 'Tất cả / all']);
  summary.addRow([]);
  summary.addRow(['Giai đoạn / Stage', 'Số sản phẩm / Products']).eachCell((c) => Object.assign(c, { style: bold }));
  for (const [stage, count] of Object.entries(progress.totals.byStage))
    summary.addRow([`${stageName(stage).vi} / ${stageName(stage).en} (${stage})`, count]);
  summary.addRow(['Tổng số sản phẩm / All products', progress.totals.products]).font = { bold: true };
  summary.addRow([]);
  summary.addRow(['Hạng sao (sản phẩm đã chứng nhận) / Stars of certified products', 'Số sản phẩm / Products']).font = { bold: true };
  for (const stars of ['3', '4', '5']) summary.addRow([`${stars} sao / ${stars} stars`, progress.stars[stars] ?? 0]);
  summary.addRow(['Đã chứng nhận / Certified', progress.certified]).font = { bold: true };
  summary.addRow([]);
  summary.addRow(['Chỉ tiêu / Target', 'Kế hoạch / Target', 'Thực hiện / Actual', 'Đạt / Met']).font = { bold: true };
  for (const [key, t] of Object.entries(progress.targets))
    summary.addRow([TARGET_NAMES[key] ?? key, t.target, t.actual, t.met ? 'Đạt' : 'Chưa đạt']);
  summary.addRow([]);
  summary.addRow(['Quá hạn / Overdue (tổng)', progress.overdue.total]).font = { bold: true };
  for (const [kind, n] of Object.entries(progress.overdue.byKind)) summary.addRow([`  ${DEADLINE_KINDS[kind] ?? kind}`, n]);
  summary.addRow([
    `Đến hạn trong ${progress.upcoming.days} ngày tới / Due in the next ${progress.upcoming.days} days`,
    progress.upcoming.total,
  ]).font = { bold: true };

  const cells = book.addWorksheet('Giai doan x huyen x nhom');
  cells.columns = [
    { header: 'Giai đoạn / Stage', key: 'stage', width: 34 },
    { header: 'Mã giai đoạn', key: 'stageCode', width: 26 },
    { header: 'Huyện / District', key: 'district', width: 22 },
    { header: 'Mã huyện', key: 'districtCode', width: 16 },
    { header: 'Nhóm sản phẩm / Group', key: 'group', width: 30 },
    { header: 'Mã nhóm', key: 'groupCode', width: 18 },
    { header: 'Số sản phẩm / Products', key: 'products', width: 14 },
  ];
  cells.getRow(1).font = { bold: true };
  for (const c of progress.byStageDistrictGroup) {
    cells.addRow({
      stage: stageName(c.stage).vi,
      stageCode: c.stage,
      district: districtName(c.districtCode),
      districtCode: c.districtCode,
      group: groupName(progress.ruleSet, c.productGroup),
      groupCode: c.productGroup,
      products: c.products,
    });
  }
  cells.autoFilter = { from: 'A1', to: 'G1' };

  // By the cycle's area: its communes (a commune cycle) or its districts, as the progress endpoint's byArea.
  const communes = progress.areaLevel === 'commune';
  const areas = book.addWorksheet(communes ? 'Theo xa' : 'Theo huyen');
  areas.columns = [
    { header: communes ? 'Xã, phường / Commune' : 'Huyện / District', key: 'name', width: 30 },
    { header: communes ? 'Mã xã (GSO)' : 'Mã huyện', key: 'code', width: 14 },
    { header: 'Số sản phẩm / Products', key: 'products', width: 14 },
    { header: 'Theo giai đoạn / By stage', key: 'stages', width: 80 },
  ];
  areas.getRow(1).font = { bold: true };
  for (const area of progress.byArea)
    areas.addRow({
      name: area.name,
      code: area.code ?? '',
      products: area.products,
      stages: Object.entries(area.byStage)
        .map(([stage, n]) => `${stageName(stage).vi}: ${n}`)
        .join('; '),
    });

  for (const [title, list] of [
    ['Qua han', progress.overdue.items],
    ['Sap den han', progress.upcoming.items],
  ] as const) {
    const sheet = book.addWorksheet(title);
    sheet.columns = [
      { header: 'Loại / Kind', key: 'kind', width: 30 },
      { header: 'Hạn / Due (dd/mm/yyyy hh:mm)', key: 'due', width: 20 },
      { header: 'Sản phẩm / Product', key: 'product', width: 34 },
      { header: 'Giai đoạn / Stage', key: 'stage', width: 28 },
      { header: 'Huyện / District', key: 'district', width: 18 },
      { header: 'Liên kết / Link', key: 'link', width: 50 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const item of list) {
      sheet.addRow({
        kind: DEADLINE_KINDS[item.kind] ?? item.kind,
        due: vnDateTime(item.dueAt),
        product: item.productName ?? item.certificateNo ?? item.sessionId ?? item.window ?? '',
        stage: item.stage ? stageName(item.stage).vi : '',
        district: item.districtCode ? districtName(item.districtCode) : item.areaCode ? districtName(item.areaCode) : '',
        link: item.link,
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const csvField = (value: unknown) => {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The stage × district × group table as CSV (UTF-8 with a BOM, so spreadsheet programs read the Vietnamese right). */
export function progressCsv(progress: CycleProgressResponse): string {
  const lines = [['stage', 'stage_vi', 'district_code', 'district_vi', 'product_group', 'product_group_vi', 'products']];
  for (const c of progress.byStageDistrictGroup)
    lines.push([
      c.stage,
      stageName(c.stage).vi,
      c.districtCode,
      districtName(c.districtCode),
      c.productGroup,
      groupName(progress.ruleSet, c.productGroup),
      String(c.products),
    ]);
  return `\ufeff${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
