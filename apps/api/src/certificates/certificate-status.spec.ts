import { effectiveStatus, isCertificateNo, STATUS_LABELS } from './certificate-status';

describe('effectiveStatus', () => {
  const now = new Date('2024-06-01T00:00:00Z');
  it.each([
    ['valid, in force', 'valid', '2024-10-31T10:00:00Z', 'valid'],
    ['valid, past expiry: expired', 'valid', '2024-05-31T23:59:59Z', 'expired'],
    ['valid, expiring this instant: expired', 'valid', '2024-06-01T00:00:00Z', 'expired'],
    ['remediation, in force', 'remediation', '2024-10-31T10:00:00Z', 'remediation'],
    ['remediation, past expiry: expired', 'remediation', '2024-01-01T00:00:00Z', 'expired'],
    ['revoked stays revoked', 'revoked', '2020-01-01T00:00:00Z', 'revoked'],
    ['superseded stays superseded', 'superseded', '2020-01-01T00:00:00Z', 'superseded'],
    ['expired', 'expired', '2024-10-31T10:00:00Z', 'expired'],
    ['an unknown status never reads as valid', 'weird', '2030-01-01T00:00:00Z', 'revoked'],
  ])('%s', (_case, status, expiresAt, expected) => {
    expect(effectiveStatus(status, expiresAt, now)).toBe(expected);
  });

  it('every status has a Vietnamese and an English label', () => {
    for (const label of Object.values(STATUS_LABELS))
      expect(label).toEqual({ vi: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) });
  });
});

describe('isCertificateNo', () => {
  it.each([
    ['LC-2021-0001', true],
    ['LC-2021-10000', true],
    ['HN-2030-0420', true],
    ['LC-2021-1', false],
    ['LC-2021-00001', false],
    ['LC-2021-0000', false],
    ['lc-2021-0001', false],
    ['LC-21-0001', false],
    ['bad', false],
    ['', false],
    ["LC-2021-0001'; DROP TABLE certificates; --", false],
    [`LC-2021-${'9'.repeat(40)}`, false],
  ])('%s → %s', (no, expected) => {
    expect(isCertificateNo(no)).toBe(expected);
  });
});
