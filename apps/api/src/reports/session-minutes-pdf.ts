import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDate, formatDateTime, formatDecimal, MAX_SPREAD_POINTS } from '@ocop/domain';
import { districtName, groupName, LEVEL_NAMES } from './office-format';
import type { MinutesProduct, SessionMinutes } from './session-minutes';

/**
 * The minutes (biên bản) of a council session as a PDF, the same content as the printable HTML: A4, in Vietnamese
 * with English beside the headings, set in Noto Sans (the npm package's TrueType files, embedded as subsets: every
 * Vietnamese letter with its diacritics). Built in memory — a session's minutes are a few pages.
 */

const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));
const REGULAR = path.join(FONT_DIR, '400Regular', 'NotoSans_400Regular.ttf');
const BOLD = path.join(FONT_DIR, '700Bold', 'NotoSans_700Bold.ttf');

/**
 * Noto's `ccmp` feature splits a letter with a dot below (ị, ọ…) into a base and a combining mark, which leaves the
 * mark without text in the PDF's text layer (some readers then copy "Thi" for "Thị"); the font's precomposed
 * Vietnamese letters look the same and keep the text whole. (fontkit takes feature switches as an object.)
 */
const NO_CCMP = { ccmp: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

const num = (n: number | undefined) => (n === undefined ? '—' : formatDecimal(n, 'vi', 2));

const OUTCOME_TEXT: Record<NonNullable<MinutesProduct['outcome']>['kind'], string> = {
  recognised: 'Công nhận',
  forwarded: 'Đề nghị cấp trên',
  not_qualified: 'Không đạt',
  missing: 'Chưa chấm đủ, chờ phiên sau',
};

export function outcomeText(p: MinutesProduct): string {
  const o = p.outcome;
  if (!o) return 'Chưa có kết quả (phiên chưa kết thúc)';
  if (o.kind === 'missing' || o.stars === undefined) return OUTCOME_TEXT[o.kind];
  if (o.kind === 'forwarded' && o.provisionalStars)
    return `${OUTCOME_TEXT[o.kind]} — ${o.provisionalStars} sao (tiềm năng), đề nghị ${LEVEL_NAMES[o.to ?? '']?.vi ?? o.to}`;
  return `${OUTCOME_TEXT[o.kind]} — ${o.stars} sao`;
}

interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
}

export function minutesPdf(m: SessionMinutes): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    info: {
      Title: `Biên bản phiên hội đồng ${m.sessionId}`,
      Author: 'OCOP Flow',
      Subject: 'Biên bản họp hội đồng đánh giá, phân hạng sản phẩm OCOP / Minutes of an OCOP council session',
    },
    bufferPages: true,
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const line = (text: string, options: { font?: 'regular' | 'bold'; size?: number; align?: 'left' | 'center' } = {}) => {
    doc
      .font(options.font ?? 'regular')
      .fontSize(options.size ?? 10)
      .text(text, left, doc.y, { features: NO_CCMP, width, align: options.align ?? 'left' });
  };
  const heading = (text: string) => {
    ensure(40);
    doc.moveDown(0.6);
    line(text, { font: 'bold', size: 12 });
    doc.moveDown(0.3);
  };

  /** A table: a header row, then rows; each row as tall as its tallest cell, a new page (with the header) when full. */
  const table = (columns: readonly Column[], rows: readonly (readonly string[])[], boldRows: ReadonlySet<number> = new Set()) => {
    const pad = 3;
    const rowHeight = (cells: readonly string[], font: string) => {
      doc.font(font).fontSize(9);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { features: NO_CCMP, width: columns[i]!.width - 2 * pad }))) + 2 * pad;
    };
    const draw = (cells: readonly string[], font: string, fill?: string) => {
      const h = rowHeight(cells, font);
      if (doc.y + h > bottom()) {
        doc.addPage();
        if (font !== 'bold' || fill === undefined)
          draw(
            columns.map((c) => c.title),
            'bold',
            '#eeeeee',
          );
      }
      const y = doc.y;
      let x = left;
      cells.forEach((cell, i) => {
        const w = columns[i]!.width;
        if (fill) doc.rect(x, y, w, h).fill(fill);
        doc.rect(x, y, w, h).lineWidth(0.5).strokeColor('#555555').stroke();
        doc
          .fillColor('#000000')
          .font(font)
          .fontSize(9)
          .text(cell, x + pad, y + pad, { features: NO_CCMP, width: w - 2 * pad, align: columns[i]!.align ?? 'left', lineBreak: true });
        x += w;
      });
      doc.x = left;
      doc.y = y + h;
    };
    draw(
      columns.map((c) => c.title),
      'bold',
      '#eeeeee',
    );
    rows.forEach((cells, i) => draw(cells, boldRows.has(i) ? 'bold' : 'regular'));
    doc.moveDown(0.4);
  };

  const level = LEVEL_NAMES[m.level] ?? { vi: m.level, en: m.level };
  const area = m.level === 'district' ? districtName(m.areaCode) : m.level === 'province' ? `tỉnh ${m.provinceCode}` : m.areaCode;
  const name = (id: string) => m.members.find((x) => x.memberId === id)?.name ?? id;

  // The national heading, then the title.
  const top = doc.y;
  doc
    .font('bold')
    .fontSize(9)
    .text('HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP', left, top, { features: NO_CCMP, width: width * 0.45, align: 'center' });
  doc
    .font('regular')
    .fontSize(8)
    .text('OCOP evaluation council', { features: NO_CCMP, width: width * 0.45, align: 'center' });
  const leftBottom = doc.y;
  doc
    .font('bold')
    .fontSize(9)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width * 0.45, top, { features: NO_CCMP, width: width * 0.55, align: 'center' });
  doc.text('Độc lập - Tự do - Hạnh phúc', { features: NO_CCMP, width: width * 0.55, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 18;
  line(`BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP ${level.vi.toUpperCase()}`, {
    font: 'bold',
    size: 13,
    align: 'center',
  });
  line(`Minutes of the ${level.en} OCOP evaluation council session`, { size: 9, align: 'center' });
  doc.moveDown(0.8);
  line(`Phiên / Session: ${m.sessionId} · Địa bàn / Area: ${area} · Chu kỳ / Cycle: ${m.cycleYear} · Bộ tiêu chí / Rule set: ${m.ruleSet}`);
  line(
    `Ngày họp / Session date: ${m.sessionDate ? formatDate(m.sessionDate) : '—'}${
      m.closedAt ? ` · Kết thúc lúc / Closed at: ${formatDateTime(m.closedAt)}` : ''
    }`,
  );
  if (!m.closedAt) line('DỰ THẢO — phiên chưa kết thúc / DRAFT — session still open', { font: 'bold' });

  const presentCount = m.members.filter((x) => x.present).length;
  heading(
    `I. Thành phần / Members (${m.status === 'closed' ? `có mặt ${presentCount}/${m.members.length}` : `${m.members.length} thành viên`})`,
  );
  table(
    [
      { title: 'TT', width: 30, align: 'right' },
      { title: 'Họ và tên / Name', width: width - 30 - 150 - 95 },
      { title: 'Vai trò / Role', width: 150 },
      { title: 'Có mặt / Present', width: 95 },
    ],
    m.members.map((x, i) => [
      String(i + 1),
      x.name,
      x.chair ? 'Chủ tịch hội đồng' : 'Thành viên',
      x.present === null ? '—' : x.present ? 'Có mặt' : 'Vắng mặt',
    ]),
  );

  heading(`II. Kết quả chấm điểm / Scores (${m.products.length} sản phẩm)`);
  if (!m.products.length) line('Không có sản phẩm / No products.');
  const scoreColumns: Column[] = [
    { title: 'Thành viên / Member', width: width - 4 * 62 - 70 },
    { title: 'Phần A', width: 62, align: 'right' },
    { title: 'Phần B', width: 62, align: 'right' },
    { title: 'Phần C', width: 62, align: 'right' },
    { title: 'Tổng / Total', width: 62, align: 'right' },
    { title: 'Chấm lại / Revised', width: 70, align: 'right' },
  ];
  m.products.forEach((p, i) => {
    ensure(110);
    doc.moveDown(0.4);
    line(`${i + 1}. ${p.name}`, { font: 'bold', size: 11 });
    line(
      `Chủ thể / Producer: ${p.organisationName || '—'} · Huyện / District: ${districtName(p.districtCode)} · Nhóm / Group: ${groupName(
        m.ruleSet,
        p.productGroup,
      )}`,
      { size: 9 },
    );
    doc.moveDown(0.3);
    const rows = p.cards.map((c) => [
      name(c.memberId),
      num(c.parts.A),
      num(c.parts.B),
      num(c.parts.C),
      num(c.total),
      String(c.revisions - 1),
    ]);
    // Words, not ≤ / >: Noto Sans has no glyph for ≤.
    const spreadNote =
      p.spreadOk === undefined ? '' : p.spreadOk ? `không quá ${MAX_SPREAD_POINTS}: đạt` : `quá ${MAX_SPREAD_POINTS}: chấm lại`;
    table(
      scoreColumns,
      [
        ...(rows.length ? rows : [['Chưa có phiếu chấm / No scorecards', '', '', '', '', '']]),
        ['Điểm trung bình / Mean', '', '', '', num(p.mean), ''],
        ['Chênh lệch / Spread', '', '', '', num(p.spread), spreadNote],
      ],
      new Set([Math.max(rows.length, 1), Math.max(rows.length, 1) + 1]),
    );
    line(`Kết luận / Outcome: ${outcomeText(p)}`, { font: 'bold', size: 10 });
  });

  // Signatures.
  ensure(110);
  doc.moveDown(2);
  const signY = doc.y;
  doc
    .font('bold')
    .fontSize(10)
    .text('THƯ KÝ HỘI ĐỒNG', left, signY, { features: NO_CCMP, width: width / 2, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text('Secretary', { features: NO_CCMP, width: width / 2, align: 'center' });
  const chair = m.members.find((x) => x.chair);
  doc
    .font('bold')
    .fontSize(10)
    .text('CHỦ TỊCH HỘI ĐỒNG', left + width / 2, signY, { features: NO_CCMP, width: width / 2, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text('Chair', { features: NO_CCMP, width: width / 2, align: 'center' });
  doc.moveDown(3);
  doc
    .font('bold')
    .fontSize(10)
    .text(chair?.name ?? '', left + width / 2, doc.y, { features: NO_CCMP, width: width / 2, align: 'center' });

  // Page numbers: "Trang n/N".
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page += 1) {
    doc.switchToPage(page);
    const y = doc.page.height - doc.page.margins.bottom + 15;
    doc.page.margins.bottom = 0; // writing below the bottom margin must not open a new page
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Trang ${page + 1}/${range.count} · ${m.sessionId}`, left, y, { features: NO_CCMP, width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
