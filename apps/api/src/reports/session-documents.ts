import ExcelJS from 'exceljs';
import { MAX_SPREAD_POINTS } from '@ocop/domain';
import { districtName, escapeHtml as e, groupName, LEVEL_NAMES, printablePage, vnDate, vnDateTime } from './office-format';
import { recognitionList, SessionMinutes } from './session-minutes';

const NATION = `<header class="nation">
  <div><strong>HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP</strong><br><span class="en">OCOP evaluation council</span></div>
  <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong>Độc lập - Tự do - Hạnh phúc</strong></div>
</header>`;

const areaText = (m: SessionMinutes) =>
  m.level === 'district' ? districtName(m.areaCode) : m.level === 'province' ? `tỉnh ${m.provinceCode}` : m.areaCode;
const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2).replace(/\.?0+$/, ''));

const OUTCOME_TEXT: Record<string, string> = {
  recognised: 'Công nhận',
  forwarded: 'Đề nghị cấp trên',
  not_qualified: 'Không đạt',
  missing: 'Chưa chấm đủ, chờ phiên sau',
};

/** The minutes (biên bản) of a council session: printable HTML, in Vietnamese, English beside the headings. */
export function minutesHtml(m: SessionMinutes): string {
  const level = LEVEL_NAMES[m.level] ?? { vi: m.level, en: m.level };
  const name = (id: string) => m.members.find((x) => x.memberId === id)?.name ?? id;
  const presentCount = m.members.filter((x) => x.present).length;
  const membersRows = m.members
    .map(
      (x, i) =>
        `<tr data-member="${e(x.memberId)}"><td class="num">${i + 1}</td><td>${e(x.name)}</td><td>${x.chair ? 'Chủ tịch hội đồng' : 'Thành viên'}</td><td>${x.present === null ? '—' : x.present ? 'Có mặt' : 'Vắng mặt'}</td></tr>`,
    )
    .join('\n');
  const productSections = m.products
    .map((p, i) => {
      const rows = p.cards
        .map(
          (c) =>
            `<tr data-member="${e(c.memberId)}"><td>${e(name(c.memberId))}</td><td class="num">${fmt(c.parts.A)}</td><td class="num">${fmt(c.parts.B)}</td><td class="num">${fmt(c.parts.C)}</td><td class="num total">${fmt(c.total)}</td><td class="num">${c.revisions > 1 ? `${c.revisions - 1}` : '0'}</td></tr>`,
        )
        .join('\n');
      const outcome = p.outcome
        ? `${OUTCOME_TEXT[p.outcome.kind]}${p.outcome.stars !== undefined && p.outcome.kind !== 'missing' ? ` — ${p.outcome.kind === 'forwarded' && p.outcome.provisionalStars ? `${p.outcome.provisionalStars} sao (tiềm năng), đề nghị ${LEVEL_NAMES[p.outcome.to ?? '']?.vi ?? p.outcome.to}` : `${p.outcome.stars} sao`}` : ''}`
        : 'Chưa có kết quả (phiên chưa kết thúc)';
      return `<section class="product" data-product="${e(p.productId)}">
<h2>${i + 1}. ${e(p.name)}</h2>
<p>Chủ thể / <span class="en">Producer</span>: ${e(p.organisationName)} · Huyện / <span class="en">District</span>: ${e(districtName(p.districtCode))} · Nhóm / <span class="en">Group</span>: ${e(groupName(m.ruleSet, p.productGroup))}</p>
<table>
<thead><tr><th>Thành viên / <span class="en">Member</span></th><th class="num">Phần A</th><th class="num">Phần B</th><th class="num">Phần C</th><th class="num">Tổng / <span class="en">Total</span></th><th class="num">Lần chấm lại / <span class="en">Revisions</span></th></tr></thead>
<tbody>
${rows || '<tr><td colspan="6">Chưa có phiếu chấm / No scorecards</td></tr>'}
</tbody>
<tfoot>
<tr><th>Điểm trung bình / <span class="en">Mean</span></th><td colspan="3"></td><td class="num mean">${fmt(p.mean)}</td><td></td></tr>
<tr><th>Chênh lệch / <span class="en">Spread</span></th><td colspan="3"></td><td class="num spread ${p.spreadOk === false ? 'warn' : 'ok'}">${fmt(p.spread)}</td><td>${p.spreadOk === undefined ? '' : p.spreadOk ? `≤ ${MAX_SPREAD_POINTS} điểm: đạt` : `> ${MAX_SPREAD_POINTS} điểm: phải chấm lại`}</td></tr>
</tfoot>
</table>
<p><strong>Kết luận / <span class="en">Outcome</span>:</strong> <span class="outcome">${e(outcome)}</span></p>
</section>`;
    })
    .join('\n');
  const chair = m.members.find((x) => x.chair);
  const body = `${NATION}
<h1>BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP ${e(level.vi.toUpperCase())}</h1>
<p class="sub"><span class="en">Minutes of the ${e(level.en)} OCOP evaluation council session</span></p>
<p>Phiên / <span class="en">Session</span>: <strong>${e(m.sessionId)}</strong> · Địa bàn / <span class="en">Area</span>: ${e(areaText(m))} · Chu kỳ / <span class="en">Cycle</span>: ${e(m.cycleYear)} · Bộ tiêu chí / <span class="en">Rule set</span>: ${e(m.ruleSet)}</p>
<p>Ngày họp / <span class="en">Session date</span>: ${e(m.sessionDate ? vnDate(m.sessionDate) : '—')}${m.closedAt ? ` · Kết thúc lúc / <span class="en">Closed at</span>: ${e(vnDateTime(m.closedAt))}` : ' · <span class="warn">DỰ THẢO — phiên chưa kết thúc / DRAFT — session still open</span>'}</p>
<h2>I. Thành phần / <span class="en">Members</span> (${m.status === 'closed' ? `có mặt ${presentCount}/${m.members.length}` : `${m.members.length} thành viên`})</h2>
<table class="members"><thead><tr><th class="num">TT</th><th>Họ và tên / <span class="en">Name</span></th><th>Vai trò / <span class="en">Role</span></th><th>Có mặt / <span class="en">Present</span></th></tr></thead>
<tbody>
${membersRows}
</tbody></table>
<h2>II. Kết quả chấm điểm / <span class="en">Scores</span> (${m.products.length} sản phẩm)</h2>
${productSections || '<p>Không có sản phẩm / No products.</p>'}
<div class="signatures"><div><strong>THƯ KÝ HỘI ĐỒNG</strong><br><span class="en">Secretary</span></div><div><strong>CHỦ TỊCH HỘI ĐỒNG</strong><br><span class="en">Chair</span><br><br><br>${e(chair?.name ?? '')}</div></div>`;
  return printablePage(`Biên bản phiên ${m.sessionId}`, body);
}

/** The recognition list (danh sách sản phẩm đề nghị công nhận), the annex of the People's Committee decision. */
export function recognitionListHtml(m: SessionMinutes): string {
  const list = recognitionList(m);
  const rows = list
    .map(
      ({ product: p, stars, provisional }, i) =>
        `<tr data-product="${e(p.productId)}"><td class="num">${i + 1}</td><td>${e(p.name)}</td><td>${e(p.organisationName)}</td><td>${e(districtName(p.districtCode))}</td><td>${e(groupName(m.ruleSet, p.productGroup))}</td><td class="num mean">${fmt(p.mean)}</td><td class="num stars">${stars}${provisional ? ' (tiềm năng 5 sao)' : ''}</td></tr>`,
    )
    .join('\n');
  const body = `<header class="nation"><div><strong>UBND ${e(m.provinceCode.toUpperCase())}</strong></div><div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong>Độc lập - Tự do - Hạnh phúc</strong></div></header>
<h1>PHỤ LỤC: DANH SÁCH SẢN PHẨM ĐỀ NGHỊ CÔNG NHẬN ĐẠT CHUẨN OCOP</h1>
<p class="sub"><span class="en">Annex: products proposed for OCOP recognition</span> — phiên ${e(m.sessionId)} (${e(LEVEL_NAMES[m.level]?.vi ?? m.level)}, ${e(m.sessionDate ? vnDate(m.sessionDate) : '')})</p>
<table><thead><tr><th class="num">TT</th><th>Tên sản phẩm / <span class="en">Product</span></th><th>Chủ thể / <span class="en">Producer</span></th><th>Huyện / <span class="en">District</span></th><th>Nhóm / <span class="en">Group</span></th><th class="num">Điểm TB / <span class="en">Mean</span></th><th class="num">Hạng sao / <span class="en">Stars</span></th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">Không có sản phẩm đề nghị công nhận / None proposed</td></tr>'}
</tbody></table>
<p>Tổng số: <strong>${list.length}</strong> sản phẩm.</p>`;
  return printablePage(`Danh sách đề nghị công nhận — ${m.sessionId}`, body, true);
}

export async function recognitionListWorkbook(m: SessionMinutes): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'OCOP Flow';
  const sheet = book.addWorksheet('Danh sach de nghi');
  sheet.addRow([`DANH SÁCH SẢN PHẨM ĐỀ NGHỊ CÔNG NHẬN ĐẠT CHUẨN OCOP — phiên ${m.sessionId}`]).font = { bold: true, size: 13 };
  sheet.addRow([
    `Products proposed for recognition — ${LEVEL_NAMES[m.level]?.en ?? m.level} session of ${m.sessionDate ? vnDate(m.sessionDate) : ''}, rule set ${m.ruleSet}`,
  ]);
  sheet.addRow([]);
  const header = sheet.addRow([
    'TT',
    'Tên sản phẩm / Product',
    'Chủ thể / Producer',
    'Huyện / District',
    'Nhóm / Group',
    'Điểm TB / Mean',
    'Hạng sao / Stars',
    'Ghi chú / Note',
    'Mã sản phẩm / Product id',
  ]);
  header.font = { bold: true };
  recognitionList(m).forEach(({ product: p, stars, provisional }, i) => {
    sheet.addRow([
      i + 1,
      p.name,
      p.organisationName,
      districtName(p.districtCode),
      groupName(m.ruleSet, p.productGroup),
      p.mean ?? null,
      stars,
      provisional ? 'Tiềm năng 5 sao, đề nghị trung ương' : '',
      p.productId,
    ]);
  });
  sheet.columns.forEach((column, i) => (column.width = [5, 34, 34, 18, 26, 12, 10, 30, 38][i]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
