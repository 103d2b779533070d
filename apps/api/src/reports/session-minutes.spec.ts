import { buildMinutes, recognitionList, type SessionEventRow } from './session-minutes';
import { minutesHtml, recognitionListHtml } from './session-documents';
import { formatDecimal } from '@ocop/domain';
import { pdfText } from '../../../../test/support/pdf-text';
import { progressCsv } from './progress-report';
import { minutesPdf } from './session-minutes-pdf';

const members = [
  { memberId: 'm1', name: 'Nguyễn Văn An' },
  { memberId: 'm2', name: 'Trần Thị Bình' },
  { memberId: 'm3', name: 'Lê Văn Cường' },
];
const at = (minute: number) => new Date(Date.UTC(2021, 9, 1, 2, minute)).toISOString();
const card = (type: string, memberId: string, productId: string, A: number, B: number, C: number, minute: number): SessionEventRow => ({
  type,
  payload: { memberId, productId, parts: { A, B, C }, total: Math.round((A + B + C) * 100) / 100 },
  occurred_at: at(minute),
});

/** A provincial session under QĐ 1048: p1 recognised 4★, p2 a nominee (≥ 90, 4★ provisional), p3 not qualified, p4 missing. */
const events: SessionEventRow[] = [
  {
    type: 'SessionOpened',
    payload: {
      level: 'province',
      areaCode: 'lao-cai',
      provinceCode: 'lao-cai',
      cycleYear: 2021,
      sessionDate: '2021-10-05T01:00:00.000Z',
      members,
      chairId: 'm1',
    },
    occurred_at: at(0),
  },
  ...['p1', 'p2', 'p3', 'p4'].map((productId, i) => ({
    type: 'ProductEntered',
    payload: { productId, name: `Sản phẩm ${i + 1}` },
    occurred_at: at(1),
  })),
  card('ScorecardSubmitted', 'm1', 'p1', 30, 20, 30, 2),
  card('ScorecardSubmitted', 'm2', 'p1', 10, 10, 10, 3),
  card('ScorecardRevised', 'm2', 'p1', 28, 20, 30, 4),
  card('ScorecardSubmitted', 'm3', 'p1', 29, 21, 31, 5),
  card('ScorecardSubmitted', 'm1', 'p2', 34, 24, 38, 6),
  card('ScorecardSubmitted', 'm2', 'p2', 33, 23, 37, 7),
  card('ScorecardSubmitted', 'm3', 'p2', 32, 24, 36, 8),
  card('ScorecardSubmitted', 'm1', 'p3', 15, 10, 15, 9),
  card('ScorecardSubmitted', 'm2', 'p3', 14, 10, 16, 10),
  card('ScorecardSubmitted', 'm3', 'p3', 16, 9, 15, 11),
  { type: 'SessionClosed', payload: { presentMemberIds: ['m1', 'm2', 'm3'] }, occurred_at: at(20) },
  { type: 'ProductScored', payload: { productId: 'p1', outcome: 'scored', mean: 79.67, stars: 4 }, occurred_at: at(20) },
  { type: 'ProductScored', payload: { productId: 'p2', outcome: 'scored', mean: 93.67, stars: 5 }, occurred_at: at(20) },
  { type: 'ProductScored', payload: { productId: 'p3', outcome: 'scored', mean: 40, stars: 2 }, occurred_at: at(20) },
  { type: 'ProductScored', payload: { productId: 'p4', outcome: 'missing' }, occurred_at: at(20) },
];
const products = ['p1', 'p2', 'p3', 'p4'].map((id, i) => ({
  product_id: id,
  name: `Sản phẩm ${i + 1}`,
  organisation_name: `HTX ${i + 1}`,
  district_code: 'bac-ha',
  product_group: 'thuc-pham',
  rule_set: 'QD1048-2019',
}));
const minutes = buildMinutes({ session_id: 's-1', rule_set: 'QD1048-2019' }, events, products);

describe('council session minutes', () => {
  it('as a PDF: opened by a PDF reader, Vietnamese intact, every member’s parts and total per product, means and outcomes', async () => {
    // Many products, so the tables run over pages (the header repeats, no row is lost at a break).
    const many = {
      ...minutes,
      products: [
        ...minutes.products,
        ...minutes.products.map((p) => ({ ...p, productId: `${p.productId}-b`, name: `${p.name} (bổ sung)` })),
      ],
    };
    const bytes = await minutesPdf({ ...many, products: [...many.products, ...many.products, ...many.products] });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await pdfText(bytes);
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.info.Title).toBe('Biên bản phiên hội đồng s-1');
    const text = pdf.lines.map((l) => l.join(' ')).join(' ');
    expect(text).toContain('BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP TỈNH');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Ngày họp / Session date: 05/10/2021');
    for (const member of minutes.members) expect(text).toContain(member.name);
    // Per product: the heading, then a row per member with the parts and the total as written in Vietnamese (27,5).
    const vi = (n: number) => formatDecimal(n, 'vi', 2);
    const headings = pdf.lines.map((l, i) => ({ l: l.join(' '), i })).filter(({ l }) => /^\d+\. Sản phẩm/.test(l));
    expect(headings).toHaveLength(minutes.products.length * 6);
    for (const [k, heading] of headings.entries()) {
      const product = minutes.products[k % minutes.products.length]!;
      expect(heading.l).toContain(product.name);
      const next = headings[k + 1]?.i ?? pdf.lines.length;
      const rows = pdf.lines.slice(heading.i, next);
      for (const c of product.cards) {
        const name = minutes.members.find((m) => m.memberId === c.memberId)!.name;
        expect(rows).toContainEqual([name, vi(c.parts.A), vi(c.parts.B), vi(c.parts.C), vi(c.total), String(c.revisions - 1)]);
      }
      if (product.mean !== undefined) expect(rows).toContainEqual(['Điểm trung bình / Mean', vi(product.mean)]);
      expect(rows.map((r) => r.join(' ')).join('\n')).toMatch(/Kết luận \/ Outcome: /);
    }
    expect(text).toContain('Kết luận / Outcome: Công nhận — 4 sao');
    expect(text).toContain('Kết luận / Outcome: Không đạt — 2 sao');
    expect(text).toContain('CHỦ TỊCH HỘI ĐỒNG');
    expect(text).toContain('Chênh lệch / Spread 3 không quá 10: đạt');
    // Every character drawn has a glyph in the embedded font (no empty boxes): the text layer holds nothing unmapped.
    expect(text).not.toMatch(/[\u0000-\u001f\ufffd]/);
    expect(text).toMatch(/Trang 1\/\d+ · s-1/);
  });

  it('keeps each member’s last scorecard, counts revisions, and takes mean, spread and outcome per product', () => {
    const p1 = minutes.products.find((p) => p.productId === 'p1')!;
    expect(p1.cards.map((c) => [c.memberId, c.total, c.revisions])).toEqual([
      ['m1', 80, 1],
      ['m2', 78, 2],
      ['m3', 81, 1],
    ]);
    expect(p1).toMatchObject({ mean: 79.67, spread: 3, spreadOk: true, outcome: { kind: 'recognised', stars: 4 } });
    expect(minutes.products.find((p) => p.productId === 'p2')!.outcome).toEqual({
      kind: 'forwarded',
      stars: 5,
      to: 'central',
      provisionalStars: 4,
    });
    expect(minutes.products.find((p) => p.productId === 'p3')!.outcome).toEqual({ kind: 'not_qualified', stars: 2 });
    expect(minutes.products.find((p) => p.productId === 'p4')!.outcome).toEqual({ kind: 'missing' });
    expect(minutes.members).toEqual([
      { memberId: 'm1', name: 'Nguyễn Văn An', chair: true, present: true },
      { memberId: 'm2', name: 'Trần Thị Bình', chair: false, present: true },
      { memberId: 'm3', name: 'Lê Văn Cường', chair: false, present: true },
    ]);
  });

  it('prints every member’s totals per product, the means and the spread check, in Vietnamese', () => {
    const html = minutesHtml(minutes);
    expect(html).toContain('BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP CẤP TỈNH');
    for (const product of minutes.products) {
      const section = html.slice(html.indexOf(`data-product="${product.productId}"`));
      for (const c of product.cards)
        expect(section).toMatch(
          new RegExp(`data-member="${c.memberId}"><td>[^<]+</td>(<td class="num">[^<]+</td>){3}<td class="num total">${c.total}</td>`),
        );
    }
    expect(html).toContain('<td class="num mean">79.67</td>');
    expect(html).toContain('≤ 10 điểm: đạt');
    expect(html).toContain('có mặt 3/3');
    expect(html).not.toContain('<script');
  });

  it('a spread over 10 points is marked for revision; an open session is a draft', () => {
    const open = buildMinutes(
      { session_id: 's-2', rule_set: 'QD1048-2019' },
      [
        events[0]!,
        events[1]!,
        card('ScorecardSubmitted', 'm1', 'p1', 30, 20, 30, 2),
        card('ScorecardSubmitted', 'm2', 'p1', 20, 15, 20, 3),
      ],
      products,
    );
    expect(open.products[0]).toMatchObject({ spread: 25, spreadOk: false });
    expect(open.status).toBe('open');
    const html = minutesHtml(open);
    expect(html).toContain('DỰ THẢO');
    expect(html).toContain('phải chấm lại');
  });

  it('the recognition list: the recognised and the nominees, best first', () => {
    expect(recognitionList(minutes).map((r) => [r.product.productId, r.stars, r.provisional])).toEqual([
      ['p2', 4, true],
      ['p1', 4, false],
    ]);
    const html = recognitionListHtml(minutes);
    expect(html).toContain('data-product="p2"');
    expect(html).not.toContain('data-product="p3"');
  });
});

describe('progress CSV', () => {
  it('one row per stage × district × group cell, names beside the codes, quoted where needed', () => {
    const csv = progressCsv({
      ruleSet: 'QD1048-2019',
      byStageDistrictGroup: [
        { stage: 'certified', districtCode: 'bac-ha', productGroup: 'do-uong', products: 3 },
        { stage: 'dossier_due', districtCode: 'sa-pa', productGroup: 'unknown, group', products: 1 },
      ],
    } as never);
    expect(csv.split('\r\n')).toEqual([
      '\ufeffstage,stage_vi,district_code,district_vi,product_group,product_group_vi,products',
      'certified,Đã được chứng nhận,bac-ha,Huyện Bắc Hà,do-uong,Đồ uống,3',
      'dossier_due,Chờ hồ sơ đánh giá,sa-pa,sa-pa,"unknown, group","unknown, group",1',
      '',
    ]);
  });
});
