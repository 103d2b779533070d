import { STATUS_LABELS } from './certificate-status';
import { renderVerificationPage, renderVerificationProblem, VerificationView } from './verification-page';

const view = (overrides: Partial<VerificationView> = {}): VerificationView => ({
  certificateNo: 'LC-2021-0001',
  productName: 'Rượu mận Tam hoa Bắc Hà',
  producerName: 'HTX Nông nghiệp Bắc Hà',
  districtName: 'Huyện Bắc Hà',
  provinceName: 'Tỉnh Lào Cai',
  stars: 4,
  issuedAt: new Date('2021-10-31T10:00:00Z'),
  expiresAt: new Date('2024-10-31T10:00:00Z'),
  status: 'valid',
  statusLabel: STATUS_LABELS.valid,
  ...overrides,
});

describe('renderVerificationPage', () => {
  it('a mobile page: viewport, Vietnamese first, the status, the product, stars and Vietnam-time dates', () => {
    const html = renderVerificationPage(view());
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('data-status="valid"');
    expect(html).toContain('Còn hiệu lực');
    expect(html).toContain('Rượu mận Tam hoa Bắc Hà');
    expect(html).toContain('★★★★ ');
    expect(html).toContain('Huyện Bắc Hà, Tỉnh Lào Cai');
    expect(html).toContain('31/10/2021');
    expect(html).toContain('31/10/2024');
    expect(html).not.toMatch(/<script|src=|href=/i);
  });

  it.each([
    ['productName', { productName: '<script>alert(1)</script>' }],
    ['producerName', { producerName: '"><img src=x onerror=alert(1)>' }],
    ['districtName', { districtName: "O'Brien & <b>Co</b>" }],
    ['certificateNo', { certificateNo: '<i>LC</i>' }],
    ['statusLabel', { statusLabel: { vi: '<u>x</u>', en: '<u>y</u>' } }],
  ])('escapes %s', (_field, overrides) => {
    const html = renderVerificationPage(view(overrides));
    expect(html).not.toMatch(/<script>|<img|<b>|<i>|<u>/);
    expect(html).toMatch(/&lt;|&quot;|&#39;|&amp;/);
  });

  it.each(['valid', 'remediation', 'expired', 'revoked', 'superseded'] as const)('shows the %s status with its label', (status) => {
    const html = renderVerificationPage(view({ status, statusLabel: STATUS_LABELS[status] }));
    expect(html).toContain(`data-status="${status}"`);
    expect(html).toContain(STATUS_LABELS[status].vi);
    expect(html).toContain(STATUS_LABELS[status].en);
  });
});

describe('renderVerificationProblem', () => {
  it.each([
    ['invalid', 'không hợp lệ'],
    ['not_found', 'Không tìm thấy'],
  ] as const)('%s: says so in both languages and escapes what was asked for', (kind, text) => {
    const html = renderVerificationProblem(kind, '<script>x</script>');
    expect(html).toContain(text);
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script&gt;');
  });
});
