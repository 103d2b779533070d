import QRCode from 'qrcode';
import { CertificateDocumentData, formatCertificateDate, renderCertificateHtml, verificationUrl } from './certificate-document';

const BASE = 'https://ocop.laocai.example/';

function aCertificate(overrides: Partial<CertificateDocumentData> = {}): CertificateDocumentData {
  return {
    certificateNo: 'LC-2021-0007',
    productName: 'Chè Shan tuyết Séo Mý Tỷ',
    producerName: 'HTX Nông nghiệp Tả Van',
    provinceName: 'Tỉnh Lào Cai',
    districtName: 'Thị xã Sa Pa',
    productGroup: { vi: 'Chè và sản phẩm từ chè', en: 'Tea and tea products' },
    stars: 4,
    issuedAt: new Date('2021-12-20T03:00:00Z'),
    expiresAt: new Date('2024-12-20T03:00:00Z'),
    issuedBy: { vi: 'UBND tỉnh Lào Cai', en: 'Lao Cai Provincial People’s Committee' },
    status: 'valid',
    ...overrides,
  };
}

const render = (overrides: Partial<CertificateDocumentData> = {}, base = BASE) =>
  renderCertificateHtml(aCertificate(overrides), { verificationBaseUrl: base });

/** The filled star glyphs of the rating element. */
function starGlyphs(html: string): string {
  const match = /<span class="glyphs" aria-hidden="true">([^<]*)<\/span>/.exec(html);
  if (!match) throw new Error('no star rating in the page');
  return match[1]!;
}

/** Rebuilds the module matrix from qrcode's SVG path (`M<x> <y+0.5>h<run>m<gap> 0h<run>…`, dark runs only). */
function qrMatrixFromSvg(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)![1]!;
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of path.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Number(b) - 0.5];
    else if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else for (let i = 0; i < Number(a); i++) grid[y]![x++] = true;
  }
  return grid;
}

describe('certificate document', () => {
  describe('verificationUrl', () => {
    it.each([
      ['https://ocop.example', 'LC-2021-0007', 'https://ocop.example/verify/LC-2021-0007'],
      ['https://ocop.example/', 'LC-2021-0007', 'https://ocop.example/verify/LC-2021-0007'],
      ['https://ocop.example//', 'LC-2021-0007', 'https://ocop.example/verify/LC-2021-0007'],
      ['https://gov.example/ocop/', 'LC-2021-10000', 'https://gov.example/ocop/verify/LC-2021-10000'],
      ['https://ocop.example', 'A/B C&D', 'https://ocop.example/verify/A%2FB%20C%26D'],
    ])('%s + %s → %s', (base, no, expected) => {
      expect(verificationUrl(base, no)).toBe(expected);
    });
  });

  describe('dates', () => {
    it.each([
      ['2021-12-20T03:00:00Z', '20/12/2021'],
      ['2021-01-05T00:00:00Z', '05/01/2021'],
      ['2021-12-31T17:00:00Z', '01/01/2022'], // midnight in Vietnam (UTC+7)
      ['2021-12-31T16:59:59Z', '31/12/2021'],
    ])('%s → %s', (iso, expected) => {
      expect(formatCertificateDate(new Date(iso))).toBe(expected);
    });
  });

  it('is a complete, self-contained, print-ready A4 landscape page in Vietnamese and English', async () => {
    const html = await render();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).toMatch(/<meta charset="utf-8">/);
    expect(html).toMatch(/@page \{ size: A4 landscape; margin: [^;]+; \}/);
    expect(html).toMatch(/@media print/);
    expect(html).toContain('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP');
    expect(html).toContain('OCOP PRODUCT CERTIFICATE');
    expect(html.indexOf('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP')).toBeLessThan(html.indexOf('OCOP PRODUCT CERTIFICATE'));
    expect(html).toContain('Chè và sản phẩm từ chè');
    expect(html).toContain('Tea and tea products');
    expect(html).toContain('Thị xã Sa Pa, Tỉnh Lào Cai');
    expect(html).toContain('UBND tỉnh Lào Cai');
    expect(html).toContain('Lao Cai Provincial People’s Committee');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // No external assets: no scripts, stylesheets, images or fonts loaded from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
  });

  it('shows the certificate number and the validity as dd/MM/yyyy', async () => {
    const html = await render();
    expect(html).toContain('<span class="certificate-no">LC-2021-0007</span>');
    expect(html).toContain('<time class="issued" datetime="2021-12-20T03:00:00.000Z">20/12/2021</time>');
    expect(html).toContain('<time class="expires" datetime="2024-12-20T03:00:00.000Z">20/12/2024</time>');
    expect(html).toContain('(from 20/12/2021 to 20/12/2024)');
  });

  it('leaves out the district when there is none', async () => {
    const html = await render({ districtName: undefined });
    expect(html).toContain('<span class="place">Tỉnh Lào Cai</span>');
  });

  it.each([3, 4, 5])('shows %i stars as ★ glyphs, with a label in both languages', async (stars) => {
    const html = await render({ stars });
    expect(starGlyphs(html)).toBe('★'.repeat(stars));
    expect(html).toContain(`aria-label="${stars} sao / ${stars} stars"`);
    expect(html).toContain(`đạt ${stars} sao / ${stars} stars`);
    expect(html.match(/★/g)).toHaveLength(stars);
  });

  it.each([0, 6, 3.5, Number.NaN])('refuses %s stars', async (stars) => {
    await expect(render({ stars })).rejects.toThrow(/Stars must be an integer from 1 to 5/);
  });

  it('escapes every interpolated value', async () => {
    const html = await render({
      certificateNo: 'LC-2021-<b>',
      productName: '<script>alert("x")</script>',
      producerName: 'Bánh & Kẹo "Sa Pa" O\'Neil',
      provinceName: '<i>Lào Cai</i>',
      districtName: 'A&B',
      productGroup: { vi: '<vi>', en: '"en"' },
      issuedBy: { vi: 'UBND <tỉnh>', en: "People's <Committee>" },
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<vi>');
    expect(html).not.toContain('<tỉnh>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<span class="producer">Bánh &amp; Kẹo &quot;Sa Pa&quot; O&#39;Neil</span>');
    expect(html).toContain('<span class="place">A&amp;B, &lt;i&gt;Lào Cai&lt;/i&gt;</span>');
    expect(html).toContain('&lt;vi&gt;');
    expect(html).toContain('&quot;en&quot;');
    expect(html).toContain('People&#39;s &lt;Committee&gt;');
    expect(html).toContain('<span class="certificate-no">LC-2021-&lt;b&gt;</span>');
    expect(html).toContain('data-certificate-no="LC-2021-&lt;b&gt;"');
    // The number is URL-encoded in the verification URL, and that URL is itself escaped in the page.
    expect(html).toContain('<div class="url">https://ocop.laocai.example/verify/LC-2021-%3Cb%3E</div>');
    // Every & in the page text starts an entity (no bare ampersands left by interpolation).
    const body = html.slice(html.indexOf('<body>'));
    expect(body.replace(/<svg[\s\S]*?<\/svg>/, '')).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
  });

  describe('verification QR code', () => {
    const url = 'https://ocop.laocai.example/verify/LC-2021-0007';

    it('prints the verification URL (base URL without its trailing slash) under the code', async () => {
      const html = await render();
      expect(html).toContain(`<div class="url">${url}</div>`);
      expect(html).not.toContain('example//verify');
      expect(html.indexOf('<svg')).toBeLessThan(html.indexOf(`<div class="url">${url}</div>`));
    });

    it('is the inline SVG of exactly the verification URL, error correction M', async () => {
      const html = await render();
      const expected = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M' });
      expect(html.match(/<svg/g)).toHaveLength(1);
      expect(html).toContain(expected.trim());
      // Not the code of any other text: the same call for the base URL or another number draws something else.
      expect(html).not.toContain(
        (await QRCode.toString('https://ocop.laocai.example//verify/LC-2021-0007', { type: 'svg', errorCorrectionLevel: 'M' })).trim(),
      );
      expect(html).not.toContain((await QRCode.toString(`${url}8`, { type: 'svg', errorCorrectionLevel: 'M' })).trim());
    });

    it('draws module for module the QR symbol that encodes the URL', async () => {
      const html = await render();
      const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
      const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' });
      const margin = 4; // qrcode's default quiet zone
      const drawn = qrMatrixFromSvg(svg);
      expect(drawn).toHaveLength(symbol.modules.size + 2 * margin);
      for (let row = 0; row < symbol.modules.size; row++) {
        for (let col = 0; col < symbol.modules.size; col++) {
          expect([row, col, drawn[row + margin]![col + margin]]).toEqual([row, col, symbol.modules.get(row, col) === 1]);
        }
      }
    });
  });

  describe('status', () => {
    const statusTexts = ['HẾT HIỆU LỰC', 'EXPIRED', 'ĐÃ BỊ THU HỒI', 'REVOKED', 'ĐÃ ĐƯỢC THAY THẾ', 'SUPERSEDED'];

    it('a valid certificate has no banner and no watermark', async () => {
      const html = await render({ status: 'valid' });
      expect(html).not.toContain('class="status-banner"');
      expect(html).not.toContain('class="watermark"');
      for (const text of statusTexts) expect(html).not.toContain(text);
    });

    it.each([
      ['expired', 'HẾT HIỆU LỰC', 'EXPIRED', 'hết hiệu lực', 'expired'],
      ['revoked', 'ĐÃ BỊ THU HỒI', 'REVOKED', 'đã bị thu hồi', 'revoked'],
      ['superseded', 'ĐÃ ĐƯỢC THAY THẾ', 'SUPERSEDED', 'đã được thay thế', 'superseded'],
    ] as const)('a %s certificate carries a banner and a watermark in both languages', async (status, vi, en, viBanner, enBanner) => {
      const html = await render({ status });
      expect(html).toContain(`<div class="status-banner" role="alert" data-status="${status}">`);
      expect(html).toContain(`<span lang="vi">Giấy chứng nhận ${viBanner}</span> / <span lang="en">Certificate ${enBanner}</span>`);
      expect(html).toContain(`<div class="watermark" aria-hidden="true">${vi} · ${en}</div>`);
      for (const text of statusTexts.filter((t) => t !== vi && t !== en)) expect(html).not.toContain(text);
    });
  });

  it('prints the recognition decision once it is recorded, and nothing of it before', async () => {
    expect(await render()).not.toContain('decision-no');
    const html = await render({ decision: { number: '2345/QĐ-UBND', date: '2021-12-09' } });
    expect(html).toContain('<span class="decision-no">2345/QĐ-UBND</span>');
    expect(html).toContain('datetime="2021-12-09">09/12/2021</time>');
  });
});
