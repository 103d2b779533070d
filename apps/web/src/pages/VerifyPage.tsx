// Public certificate verification (what a shopper's phone opens): no login, GET /public/certificates/:no anonymously.
import { useEffect, useState, type CSSProperties, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { ErrorBanner, Loading, Stars } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';

interface PublicCertificate {
  certificateNo: string;
  productName: string;
  producerName: string;
  district: { code: string; name: string };
  province: { code: string; name: string };
  stars: number;
  issuedAt: string;
  expiresAt: string;
  status: string;
  statusLabel: { vi: string; en: string };
}

const TEXTS = {
  vi: {
    intro: 'Nhập số giấy chứng nhận in trên nhãn sản phẩm (ví dụ LC-2021-0001) để kiểm tra.',
    placeholder: 'LC-2021-0001',
    invalid: 'Số giấy chứng nhận không hợp lệ. Số có dạng LC-2021-0001: mã tỉnh, năm, số thứ tự.',
    notFoundTitle: 'Không tìm thấy giấy chứng nhận',
    notFoundBody: 'Không có giấy chứng nhận OCOP nào mang số {no}. Hãy kiểm tra lại số in trên nhãn.',
    place: 'Địa chỉ',
    starsOf: '{n} sao OCOP',
    validNote: 'Giấy chứng nhận này do hệ thống OCOP Flow cấp và đang được theo dõi.',
    badNote: 'Sản phẩm này hiện không được dùng nhãn OCOP theo giấy chứng nhận này.',
    checkAnother: 'Kiểm tra số khác',
  },
  en: {
    intro: 'Enter the certificate number printed on the product label (for example LC-2021-0001).',
    placeholder: 'LC-2021-0001',
    invalid: 'Not a certificate number. Numbers look like LC-2021-0001: province code, year, sequence.',
    notFoundTitle: 'Certificate not found',
    notFoundBody: 'There is no OCOP certificate numbered {no}. Please check the number on the label.',
    place: 'Location',
    starsOf: '{n}-star OCOP',
    validNote: 'This certificate was issued through OCOP Flow and is being monitored.',
    badNote: 'This product may not currently carry the OCOP label under this certificate.',
    checkAnother: 'Check another number',
  },
};

/** The canonical number the API accepts (libs/certificates parseCertificateNo): checked here so no bad request is sent. */
const CERTIFICATE_NO = /^[A-Z]{2,4}-[1-9]\d{3}-(?!0000$)(\d{4}|[1-9]\d{4,})$/;
const isCertificateNo = (no: string): boolean => no.length <= 32 && CERTIFICATE_NO.test(no);

const normalise = (input: string): string => input.trim().toUpperCase().replace(/\s+/g, '');

const TONES: Record<string, { fg: string; bg: string; border: string; icon: string }> = {
  valid: { fg: '#fff', bg: '#1b7f3b', border: '#1b7f3b', icon: '✓' },
  remediation: { fg: '#4a2a00', bg: '#ffd98a', border: '#e0a100', icon: '!' },
  expired: { fg: '#fff', bg: '#5f6b76', border: '#5f6b76', icon: '✕' },
  superseded: { fg: '#fff', bg: '#5f6b76', border: '#5f6b76', icon: '↻' },
  revoked: { fg: '#fff', bg: '#b3261e', border: '#b3261e', icon: '✕' },
};

const styles: Record<string, CSSProperties> = {
  page: { maxWidth: 560, margin: '0 auto' },
  form: { display: 'flex', gap: '0.5rem', flexWrap: 'wrap' },
  input: { flex: '1 1 12rem', fontSize: '1.15rem', letterSpacing: '0.04em', textTransform: 'uppercase', minWidth: 0 },
  badge: {
    display: 'flex',
    alignItems: 'center',
    gap: '0.7rem',
    padding: '0.9rem 1rem',
    borderRadius: 10,
    fontSize: '1.45rem',
    fontWeight: 800,
    lineHeight: 1.25,
    marginBottom: '0.9rem',
  },
  icon: {
    flex: '0 0 auto',
    width: '2.3rem',
    height: '2.3rem',
    borderRadius: '50%',
    background: 'rgba(255,255,255,0.25)',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: '1.4rem',
  },
  number: { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, monospace", fontWeight: 700, color: '#b71c1c', fontSize: '1.05rem' },
  product: { fontSize: '1.5rem', margin: '0.2rem 0 0.3rem', lineHeight: 1.25, overflowWrap: 'anywhere' },
  stars: { fontSize: '2rem', lineHeight: 1 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(6.5rem, auto) 1fr',
    gap: '0.55rem 0.9rem',
    margin: '1rem 0 0.4rem',
    fontSize: '1.05rem',
  },
  dt: { color: '#5f6b76' },
  dd: { margin: 0, fontWeight: 600, overflowWrap: 'anywhere' },
};

export function VerifyPage() {
  const { t } = useI18n();
  const T = useTexts(TEXTS);
  const params = useParams<{ no?: string }>();
  const navigate = useNavigate();
  const no = params.no ? normalise(params.no) : undefined;
  const [input, setInput] = useState(no ?? '');
  useEffect(() => setInput(no ?? ''), [no]);
  const valid = no !== undefined && isCertificateNo(no);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = normalise(input);
    if (next) void navigate(`/verify/${encodeURIComponent(next)}`);
  };

  return (
    <div style={styles.page}>
      <h1>{t('verifyCertificate')}</h1>
      <section className="card">
        <form onSubmit={submit} style={styles.form} role="search" aria-label={t('verifyCertificate')}>
          <label htmlFor="certificate-no" style={{ flexBasis: '100%' }} className="muted">
            {T.intro}
          </label>
          <input
            id="certificate-no"
            name="certificateNo"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder={T.placeholder}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            aria-label={t('certificateNo')}
            style={styles.input}
            required
          />
          <button type="submit">{t('check')}</button>
        </form>
      </section>
      {no !== undefined &&
        (valid ? (
          <Verification no={no} />
        ) : (
          <p className="error" role="alert" data-testid="verify-invalid">
            {T.invalid}
          </p>
        ))}
    </div>
  );
}

function Verification({ no }: { no: string }) {
  const { t, lang, date } = useI18n();
  const T = useTexts(TEXTS);
  const { data, error, loading } = useGet<PublicCertificate>(`/public/certificates/${encodeURIComponent(no)}`, undefined, {
    anonymous: true,
  });

  if (error instanceof ApiError && error.status === 404) {
    return (
      <section className="card" data-testid="verify-not-found" role="alert" style={{ borderLeft: '6px solid #b3261e' }}>
        <h2 style={{ color: '#b3261e', fontSize: '1.3rem' }}>{T.notFoundTitle}</h2>
        <p style={{ marginBottom: 0 }}>
          {T.notFoundBody.split('{no}')[0]}
          <strong style={{ whiteSpace: 'nowrap' }}>{no}</strong>
          {T.notFoundBody.split('{no}')[1]}
        </p>
      </section>
    );
  }
  if (error && !data) return <ErrorBanner error={error} />;
  if (loading || !data) return <Loading />;

  const tone = TONES[data.status] ?? TONES.revoked!;
  const good = data.status === 'valid' || data.status === 'remediation';
  return (
    <section className="card" data-testid="verify-result" data-status={data.status} style={{ borderTop: `6px solid ${tone.border}` }}>
      <div style={{ ...styles.badge, color: tone.fg, background: tone.bg }} data-testid="verify-status" role="status">
        <span style={styles.icon} aria-hidden="true">
          {tone.icon}
        </span>
        <span>{data.statusLabel[lang]}</span>
      </div>
      <div style={styles.number}>{data.certificateNo}</div>
      <h2 style={styles.product} data-testid="verify-product">
        {data.productName}
      </h2>
      <div style={styles.stars} data-testid="verify-stars" title={T.starsOf.replace('{n}', String(data.stars))}>
        <Stars count={data.stars} />
      </div>
      <div className="muted">{T.starsOf.replace('{n}', String(data.stars))}</div>
      <dl style={styles.facts}>
        <dt style={styles.dt}>{t('producer')}</dt>
        <dd style={styles.dd}>{data.producerName}</dd>
        <dt style={styles.dt}>{T.place}</dt>
        <dd style={styles.dd}>
          {data.district.name}, {data.province.name}
        </dd>
        <dt style={styles.dt}>{t('issuedAt')}</dt>
        <dd style={styles.dd}>{date(data.issuedAt)}</dd>
        <dt style={styles.dt}>{t('expiresAt')}</dt>
        <dd style={styles.dd}>{date(data.expiresAt)}</dd>
      </dl>
      <p className={good ? 'muted' : 'error'} style={{ marginBottom: 0, fontSize: '0.92rem' }}>
        {good ? T.validNote : T.badNote}
      </p>
    </section>
  );
}
