import QRCode from 'qrcode';
import { formatDate } from '@ocop/domain';

export type CertificateStatus = 'valid' | 'expired' | 'revoked' | 'superseded';

export interface CertificateDocumentData {
  certificateNo: string;
  productName: string;
  producerName: string;
  provinceName: string;
  districtName?: string;
  productGroup: { vi: string; en: string };
  stars: number;
  issuedAt: Date;
  expiresAt: Date;
  issuedBy: { vi: string; en: string };
  status: CertificateStatus;
  /** The People's Committee decision that recognised it (số quyết định, ngày ký: YYYY-MM-DD), once recorded. */
  decision?: { number: string; date: string };
}

export interface CertificateDocumentOptions {
  /** Where the public verification page lives, e.g. `https://ocop.laocai.gov.vn` (a trailing slash is ignored). */
  verificationBaseUrl: string;
}

/** How the verification QR code is drawn: an SVG, error correction M (survives a stamp or a crease). */
export const CERTIFICATE_QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M' } as const;

const STATUS_TEXT: Record<Exclude<CertificateStatus, 'valid'>, { vi: string; en: string }> = {
  expired: { vi: 'HẾT HIỆU LỰC', en: 'EXPIRED' },
  revoked: { vi: 'ĐÃ BỊ THU HỒI', en: 'REVOKED' },
  superseded: { vi: 'ĐÃ ĐƯỢC THAY THẾ', en: 'SUPERSEDED' },
};

/** The public page that confirms a certificate: `${base}/verify/${certificateNo}` (the number URL-encoded). */
export function verificationUrl(baseUrl: string, certificateNo: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(certificateNo)}`;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** dd/mm/yyyy in Vietnam's time: the one date format of the app (libs/domain `formatDate`). */
export const formatCertificateDate = (date: Date): string => formatDate(date);

/**
 * The printable certificate: one self-contained HTML5 page (A4 landscape, no external assets), Vietnamese first
 * with English beside it, with a QR code of the public verification URL. A certificate that is no longer valid
 * carries its status as a banner and a watermark.
 */
export async function renderCertificateHtml(cert: CertificateDocumentData, options: CertificateDocumentOptions): Promise<string> {
  if (!Number.isInteger(cert.stars) || cert.stars < 1 || cert.stars > 5)
    throw new Error(`Stars must be an integer from 1 to 5, got ${cert.stars}`);
  if (!(cert.status in STATUS_TEXT) && cert.status !== 'valid') throw new Error(`Unknown certificate status: ${String(cert.status)}`);
  const url = verificationUrl(options.verificationBaseUrl, cert.certificateNo);
  const qrSvg = await QRCode.toString(url, CERTIFICATE_QR_OPTIONS);
  const e = escapeHtml;
  const issued = formatCertificateDate(cert.issuedAt);
  const expires = formatCertificateDate(cert.expiresAt);
  const starsLabel = `${cert.stars} sao / ${cert.stars} stars`;
  const place = [cert.districtName, cert.provinceName].filter((part): part is string => !!part && part.trim() !== '').join(', ');
  const status = cert.status === 'valid' ? undefined : STATUS_TEXT[cert.status];

  const statusBlocks = status
    ? `
  <div class="status-banner" role="alert" data-status="${e(cert.status)}">
    <span lang="vi">Giấy chứng nhận ${e(status.vi.toLowerCase())}</span> / <span lang="en">Certificate ${e(status.en.toLowerCase())}</span>
  </div>
  <div class="watermark" aria-hidden="true">${e(status.vi)} · ${e(status.en)}</div>`
    : '';

  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giấy chứng nhận sản phẩm OCOP ${e(cert.certificateNo)} — ${e(cert.productName)}</title>
<style>
  @page { size: A4 landscape; margin: 10mm; }
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; background: #fff; color: #1a1a1a; }
  body { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .sheet { position: relative; width: 277mm; height: 190mm; margin: 0 auto; padding: 7mm 10mm; border: 2.5mm double #a6192e; overflow: hidden; page-break-inside: avoid; break-inside: avoid; }
  .en { color: #555; font-style: italic; }
  .top { display: flex; justify-content: space-between; align-items: flex-start; font-size: 10.5pt; text-align: center; }
  .top .issuer { width: 45%; font-weight: bold; text-transform: uppercase; }
  .top .nation { width: 50%; }
  .top .nation strong { display: block; }
  h1 { margin: 5mm 0 1mm; text-align: center; color: #a6192e; font-size: 22pt; letter-spacing: 0.5pt; }
  h1 .en { display: block; font-size: 13pt; color: #7a1222; letter-spacing: 1pt; }
  .body { display: flex; gap: 8mm; margin-top: 4mm; }
  .details { flex: 1; font-size: 12pt; line-height: 1.45; }
  .details p { margin: 0 0 1.8mm; }
  .label { font-weight: bold; }
  .product { text-align: center; font-size: 19pt; font-weight: bold; margin: 2mm 0 3mm; color: #0d3b66; }
  .stars { text-align: center; margin: 1mm 0 3mm; }
  .stars .glyphs { font-size: 30pt; color: #d4a017; letter-spacing: 3pt; line-height: 1; }
  .stars .text { display: block; font-size: 12pt; font-weight: bold; }
  .verify { width: 52mm; text-align: center; font-size: 8.5pt; }
  .verify figure { margin: 0; }
  .verify svg { width: 46mm; height: 46mm; display: block; margin: 0 auto 1.5mm; }
  .verify .url { font-family: "DejaVu Sans Mono", "Courier New", monospace; word-break: break-all; }
  .footer { position: absolute; left: 10mm; right: 10mm; bottom: 7mm; display: flex; justify-content: space-between; align-items: flex-end; font-size: 11pt; }
  .footer .sign { text-align: center; width: 45%; }
  .footer .sign .place { font-style: italic; }
  .status-banner { position: relative; z-index: 3; margin: 2mm 0; padding: 1.5mm 4mm; text-align: center; font-weight: bold; font-size: 13pt; color: #fff; background: #b00020; border-radius: 1mm; text-transform: uppercase; }
  .watermark { position: absolute; z-index: 2; top: 50%; left: 50%; transform: translate(-50%, -50%) rotate(-24deg); white-space: nowrap; font-size: 58pt; font-weight: bold; color: rgba(176, 0, 32, 0.16); border: 2mm solid rgba(176, 0, 32, 0.16); padding: 2mm 8mm; pointer-events: none; }
  @media screen { body { background: #eee; padding: 8mm 0; } .sheet { background: #fff; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.25); } }
  @media print { body { background: #fff; } .sheet { margin: 0; box-shadow: none; } }
</style>
</head>
<body>
<main class="sheet" data-certificate-no="${e(cert.certificateNo)}" data-status="${e(cert.status)}">${statusBlocks}
  <header class="top">
    <div class="issuer"><span lang="vi">${e(cert.issuedBy.vi)}</span><br><span class="en" lang="en">${e(cert.issuedBy.en)}</span></div>
    <div class="nation">
      <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
      <strong>Độc lập - Tự do - Hạnh phúc</strong>
      <span class="en" lang="en">Socialist Republic of Viet Nam — Independence - Freedom - Happiness</span>
    </div>
  </header>

  <h1><span lang="vi">GIẤY CHỨNG NHẬN SẢN PHẨM OCOP</span> <span class="en" lang="en">OCOP PRODUCT CERTIFICATE</span></h1>
  <p style="text-align:center;margin:0"><span class="label">Số / No.:</span> <span class="certificate-no">${e(cert.certificateNo)}</span></p>

  <section class="body">
    <div class="details">
      <p style="text-align:center">Chứng nhận sản phẩm / <span class="en" lang="en">This is to certify that the product</span></p>
      <p class="product">${e(cert.productName)}</p>
      <div class="stars" role="img" aria-label="${e(starsLabel)}">
        <span class="glyphs" aria-hidden="true">${'★'.repeat(cert.stars)}</span>
        <span class="text">đạt ${e(starsLabel)}</span>
      </div>
      <p><span class="label">Chủ thể sản xuất / <span lang="en">Producer</span>:</span> <span class="producer">${e(cert.producerName)}</span></p>
      <p><span class="label">Địa chỉ / <span lang="en">Location</span>:</span> <span class="place">${e(place)}</span></p>
      <p><span class="label">Nhóm sản phẩm / <span lang="en">Product group</span>:</span> <span lang="vi">${e(cert.productGroup.vi)}</span> / <span class="en" lang="en">${e(cert.productGroup.en)}</span></p>
      ${cert.decision ? `<p class="decision"><span class="label">Quyết định công nhận / <span lang="en">Recognition decision</span>:</span> số <span class="decision-no">${e(cert.decision.number)}</span> ngày <time class="decision-date" datetime="${e(cert.decision.date)}">${e(cert.decision.date.split('-').reverse().join('/'))}</time></p>` : ''}
      <p><span class="label">Hiệu lực / <span lang="en">Valid</span>:</span> từ <time class="issued" datetime="${e(cert.issuedAt.toISOString())}">${issued}</time> đến <time class="expires" datetime="${e(cert.expiresAt.toISOString())}">${expires}</time> <span class="en" lang="en">(from ${issued} to ${expires})</span></p>
    </div>
    <aside class="verify">
      <figure role="img" aria-label="Mã QR xác thực giấy chứng nhận / Certificate verification QR code">${qrSvg.trim()}</figure>
      <div>Quét mã để xác thực / <span lang="en">Scan to verify</span></div>
      <div class="url">${e(url)}</div>
    </aside>
  </section>

  <footer class="footer">
    <div>Cấp ngày / <span lang="en">Issued on</span>: <strong>${issued}</strong><br>Có giá trị đến / <span lang="en">Valid until</span>: <strong>${expires}</strong></div>
    <div class="sign">
      <div class="place">${e(cert.provinceName)}, ngày ${issued}</div>
      <strong>${e(cert.issuedBy.vi)}</strong><br><span class="en" lang="en">${e(cert.issuedBy.en)}</span>
    </div>
  </footer>
</main>
</body>
</html>
`;
}
