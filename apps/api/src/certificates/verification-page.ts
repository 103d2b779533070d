import { escapeHtml } from '@ocop/certificates';
import { formatDate } from '@ocop/domain';
import type { CertificateStatus } from '@ocop/contracts';

/** What the public verification page shows: nothing more than a shopper needs to trust the stamp. */
export interface VerificationView {
  readonly certificateNo: string;
  readonly productName: string;
  readonly producerName: string;
  readonly districtName?: string;
  readonly provinceName: string;
  readonly stars: number;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly status: CertificateStatus;
  readonly statusLabel: { readonly vi: string; readonly en: string };
}

const COLOURS: Record<CertificateStatus, string> = {
  valid: '#1b7f3b',
  remediation: '#9a6700',
  expired: '#6b6b6b',
  revoked: '#b00020',
  superseded: '#6b6b6b',
};

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; padding: 16px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; background: #f4f4f4; color: #1a1a1a; line-height: 1.45; }
  main { max-width: 480px; margin: 0 auto; background: #fff; border-radius: 12px; padding: 20px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.1rem; margin: 0 0 12px; color: #a6192e; }
  h1 .en, .en { color: #555; font-weight: normal; font-style: italic; }
  .status { display: block; padding: 12px; border-radius: 8px; color: #fff; font-weight: bold; font-size: 1.15rem; text-align: center; margin-bottom: 16px; }
  .status .en { color: #fff; opacity: .9; display: block; font-size: .95rem; }
  .product { font-size: 1.3rem; font-weight: bold; margin: 0 0 4px; color: #0d3b66; }
  .stars { font-size: 1.6rem; color: #d4a017; letter-spacing: 2px; margin: 0 0 12px; }
  dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 6px 12px; }
  dt { font-weight: bold; font-size: .9rem; }
  dd { margin: 0; overflow-wrap: anywhere; }
  footer { margin-top: 16px; font-size: .8rem; color: #666; text-align: center; }`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<footer>Chương trình OCOP — Mỗi xã một sản phẩm / <span class="en" lang="en">One Commune One Product</span></footer>
</main>
</body>
</html>
`;
}

/** The mobile page a certificate's QR code opens: the status first, then what the certificate says. Every text escaped. */
export function renderVerificationPage(view: VerificationView): string {
  const e = escapeHtml;
  const place = [view.districtName, view.provinceName].filter((part): part is string => !!part && part.trim() !== '').join(', ');
  const stars = Number.isInteger(view.stars) && view.stars >= 1 && view.stars <= 5 ? view.stars : 0;
  return page(
    `Xác thực giấy chứng nhận OCOP ${view.certificateNo}`,
    `<h1>Xác thực giấy chứng nhận OCOP <span class="en" lang="en">/ OCOP certificate check</span></h1>
<p class="status" data-status="${e(view.status)}" style="background:${COLOURS[view.status]}"><span lang="vi">${e(view.statusLabel.vi)}</span><span class="en" lang="en">${e(view.statusLabel.en)}</span></p>
<p class="product">${e(view.productName)}</p>
<p class="stars" role="img" aria-label="${stars} sao / ${stars} stars">${'★'.repeat(stars)} <span class="en">${stars} sao / ${stars} stars</span></p>
<dl>
  <dt>Số / <span lang="en">No.</span></dt><dd class="certificate-no">${e(view.certificateNo)}</dd>
  <dt>Chủ thể / <span lang="en">Producer</span></dt><dd class="producer">${e(view.producerName)}</dd>
  <dt>Địa chỉ / <span lang="en">Location</span></dt><dd class="place">${e(place)}</dd>
  <dt>Cấp ngày / <span lang="en">Issued</span></dt><dd><time datetime="${e(view.issuedAt.toISOString())}">${formatDate(view.issuedAt)}</time></dd>
  <dt>Hiệu lực đến / <span lang="en">Valid until</span></dt><dd><time datetime="${e(view.expiresAt.toISOString())}">${formatDate(view.expiresAt)}</time></dd>
</dl>`,
  );
}

const PROBLEMS = {
  invalid: {
    vi: 'Số giấy chứng nhận không hợp lệ',
    en: 'This is not a certificate number',
    hint: 'Số giấy chứng nhận có dạng LC-2021-0001 / Certificate numbers look like LC-2021-0001.',
  },
  not_found: {
    vi: 'Không tìm thấy giấy chứng nhận',
    en: 'No such certificate',
    hint: 'Giấy chứng nhận này không có trong hệ thống — hãy cẩn trọng với sản phẩm. / This certificate is not on record — be careful with the product.',
  },
} as const;

/** The page for a number that is malformed (400) or not on record (404). */
export function renderVerificationProblem(kind: keyof typeof PROBLEMS, requested: string): string {
  const problem = PROBLEMS[kind];
  const e = escapeHtml;
  return page(
    problem.vi,
    `<h1>Xác thực giấy chứng nhận OCOP <span class="en" lang="en">/ OCOP certificate check</span></h1>
<p class="status" data-status="${kind}" style="background:#b00020"><span lang="vi">${e(problem.vi)}</span><span class="en" lang="en">${e(problem.en)}</span></p>
<dl><dt>Số / <span lang="en">No.</span></dt><dd class="certificate-no">${e(requested.slice(0, 64))}</dd></dl>
<p>${e(problem.hint)}</p>`,
  );
}
