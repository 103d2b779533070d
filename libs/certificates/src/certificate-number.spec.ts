import { formatCertificateNo, parseCertificateNo, PROVINCE_PREFIXES } from './certificate-number';

describe('certificate numbers', () => {
  it('know Lào Cai as LC', () => {
    expect(PROVINCE_PREFIXES['lao-cai']).toBe('LC');
  });

  it.each([
    ['15', 'LC15'],
    ['12', 'LC12'],
    ['01', 'HN01'],
    ['79', 'HCM79'],
    ['46', 'HU46'],
    ['66', 'DL66'],
  ])('carry the code of province %s of the 2025 map: %s', (code, prefix) => {
    expect(PROVINCE_PREFIXES[code]).toBe(prefix);
  });

  it('give each of the 34 provinces its own prefix', () => {
    const prefixes = Object.entries(PROVINCE_PREFIXES).filter(([code]) => /^\d{2}$/.test(code));
    expect(prefixes).toHaveLength(34);
    expect(new Set(prefixes.map(([, prefix]) => prefix)).size).toBe(34);
    for (const [code, prefix] of prefixes)
      expect(parseCertificateNo(formatCertificateNo(code, 2026, 1))).toEqual({ prefix, year: 2026, seq: 1 });
  });

  describe('formatCertificateNo', () => {
    it.each([
      ['lao-cai', 2021, 1, 'LC-2021-0001'],
      ['lao-cai', 2021, 7, 'LC-2021-0007'],
      ['lao-cai', 2024, 42, 'LC-2024-0042'],
      ['lao-cai', 2025, 999, 'LC-2025-0999'],
      ['lao-cai', 2025, 9999, 'LC-2025-9999'],
      ['lao-cai', 2025, 10000, 'LC-2025-10000'],
      ['lao-cai', 2025, 123456, 'LC-2025-123456'],
      ['lao-cai', 2900, 3, 'LC-2900-0003'],
    ])('%s %i #%i → %s', (province, year, seq, expected) => {
      expect(formatCertificateNo(province, year, seq)).toBe(expected);
    });

    it.each([
      ['ha-noi', 2021, 1, /Unknown province.*"ha-noi"/],
      ['10', 2021, 1, /Unknown province.*"10"/], // the old Lào Cai: not on the 2025 map
      ['', 2021, 1, /Unknown province.*""/],
      ['toString', 2021, 1, /Unknown province.*"toString"/],
      ['LC', 2021, 1, /Unknown province.*"LC"/],
      ['lao-cai', 2021, 0, /positive integer, got 0/],
      ['lao-cai', 2021, -3, /positive integer, got -3/],
      ['lao-cai', 2021, 1.5, /positive integer, got 1.5/],
      ['lao-cai', 2021, Number.NaN, /positive integer, got NaN/],
      ['lao-cai', 2021, Number.POSITIVE_INFINITY, /positive integer/],
      ['lao-cai', 999, 1, /year must be an integer/],
      ['lao-cai', 10000, 1, /year must be an integer/],
      ['lao-cai', 2021.5, 1, /year must be an integer/],
    ])('refuses %j %s #%s', (province, year, seq, error) => {
      expect(() => formatCertificateNo(province, year, seq)).toThrow(error);
    });
  });

  describe('parseCertificateNo', () => {
    it.each([
      ['LC-2021-0007', { prefix: 'LC', year: 2021, seq: 7 }],
      ['LC-2021-0001', { prefix: 'LC', year: 2021, seq: 1 }],
      ['LC-2025-9999', { prefix: 'LC', year: 2025, seq: 9999 }],
      ['LC-2025-10000', { prefix: 'LC', year: 2025, seq: 10000 }],
      ['HCM-2024-0012', { prefix: 'HCM', year: 2024, seq: 12 }],
      ['LC15-2026-0003', { prefix: 'LC15', year: 2026, seq: 3 }],
    ])('%s → %j', (no, expected) => {
      expect(parseCertificateNo(no)).toEqual(expected);
    });

    it.each([
      [''],
      ['LC-2021-7'], // not padded
      ['LC-2021-00007'], // padded too far
      ['LC-2021-0000'], // sequence 0
      ['LC-2021-010000'], // leading zero past four digits
      ['lc-2021-0007'],
      ['LC-21-0007'],
      ['LC-0999-0007'],
      ['LC2021-0007'],
      [' LC-2021-0007'],
      ['LC-2021-0007 '],
      ['LC-2021-0007\n'],
      ['L-2021-0007'],
      ['LC-2021-000A'],
      ['LC-2021-99999999999999999999'], // beyond a safe integer
      ['LC1-2026-0003'], // a province code has two digits
      ['15-2026-0003'], // and follows the initials
    ])('%j is not a certificate number', (no) => {
      expect(parseCertificateNo(no)).toBeUndefined();
    });

    it.each([
      [2021, 1],
      [2021, 7],
      [2030, 9999],
      [2030, 10000],
      [2899, 4_000_001],
    ])('reads back what formatCertificateNo wrote (%i #%i)', (year, seq) => {
      expect(parseCertificateNo(formatCertificateNo('lao-cai', year, seq))).toEqual({ prefix: 'LC', year, seq });
    });
  });
});
