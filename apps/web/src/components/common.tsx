// Small pieces every screen uses.
import { cloneElement, type ReactElement, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { useNow } from '../hooks';
import { useI18n, type Lang } from '../i18n';
import { isTerminalStage } from '@ocop/model';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('loading')}
    </p>
  );
}

/** How a form's action ended: its refusal, or the sentence saying what was done. */
export function ActionOutcome({ error, done, testId }: { error: unknown; done?: string; testId?: string }) {
  return (
    <>
      <ErrorBanner error={error} />
      {done && (
        <p className="success" role="status" data-testid={testId}>
          {done}
        </p>
      )}
    </>
  );
}

/** An API error, in the chosen language, with the fields it names. */
export function ErrorBanner({ error }: { error: unknown }) {
  const { errorText } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid="error">
      {errorText(error)}
    </p>
  );
}

export function StageBadge({ stage }: { stage: string }) {
  const { tx } = useI18n();
  const tone = stage === 'certified' ? 'good' : isTerminalStage(stage) ? 'bad' : 'wait';
  return (
    <span className={`badge ${tone}`} data-stage={stage}>
      {tx('stage', stage)}
    </span>
  );
}

export function Stars({ count }: { count: number | undefined }) {
  if (!count) return <span className="muted">—</span>;
  return (
    <span className="stars" aria-label={`${count}★`}>
      {'★'.repeat(count)}
    </span>
  );
}

/** "3 ngày 4 giờ còn lại" / "Quá hạn 2 ngày", updated every second. */
export function Countdown({ dueAt }: { dueAt: string | undefined }) {
  const { t } = useI18n();
  const now = useNow(1000);
  if (!dueAt) return <span className="muted">—</span>;
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const span = days > 0 ? `${days} ${t('days')} ${hours} ${t('hours')}` : `${hours} ${t('hours')} ${minutes} ${t('minutes')}`;
  return ms >= 0 ? (
    <span className="countdown" data-testid="countdown">
      {span} {t('remaining')}
    </span>
  ) : (
    <span className="countdown overdue" data-testid="countdown">
      {t('overdue')} {span}
    </span>
  );
}

export function Card({ title, children, actions }: { title?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}

export const ProductLink = ({ id, children }: { id: string; children: ReactNode }) => <Link to={`/products/${id}`}>{children}</Link>;

/** A rule the API named for a field, as `errors[]` of a 400 carries it. */
interface FieldRuleError {
  field: string;
  rule: string;
  message: string;
}

// The API words its field rules in English; these say them in Vietnamese (the English stays beside them).
const LENGTH = /(\d+)[–-](\d+) characters/;
const AT_MOST = /at most (\d+)/;
const RULES_VI: Record<string, (e: FieldRuleError) => string | undefined> = {
  isEmail: () => 'phải là một địa chỉ email',
  isNotEmpty: () => 'không được để trống',
  isUuid: () => 'phải là một mã UUID',
  isUUID: () => 'phải là một mã UUID',
  isLength: (e) => {
    const range = LENGTH.exec(e.message);
    const most = AT_MOST.exec(e.message);
    return range ? `phải dài ${range[1]}–${range[2]} ký tự` : most ? `tối đa ${most[1]} ký tự` : undefined;
  },
  maxLength: (e) => (AT_MOST.exec(e.message) ? `tối đa ${AT_MOST.exec(e.message)![1]} ký tự` : undefined),
  matches: (e) =>
    /blank/.test(e.message)
      ? 'không được để trống'
      : /control characters/.test(e.message)
        ? 'không được chứa ký tự điều khiển'
        : /phone number/.test(e.message)
          ? 'phải là số điện thoại: chữ số, dấu cách, dấu chấm hoặc gạch ngang, có thể bắt đầu bằng +'
          : /8–15 digits/.test(e.message)
            ? 'phải có 8–15 chữ số'
            : /yyyy-mm-dd/.test(e.message)
              ? 'phải là một ngày (dd/mm/yyyy)'
              : /lower-case code/.test(e.message)
                ? 'phải là mã viết thường, ví dụ bac-ha'
                : /agencyId/.test(e.message)
                  ? 'phải có dạng lab:lao-cai hoặc inspector:lao-cai'
                  : undefined,
  atLeastOne: () => 'hãy sửa ít nhất một thông tin (để trống để xóa)',
  notForRole: () => 'không áp dụng cho vai trò của người dùng này',
  inProvince: () => 'phải là một xã, phường thuộc tỉnh của chủ thể (bản đồ 2025)',
  hasBinding: () => 'vai trò này không gắn với chủ thể, địa bàn hay cơ quan nào',
  holidaySchedule: (e) => {
    const year = /a date in (\d{4})/.exec(e.message);
    if (year) return `phải là một ngày trong năm ${year[1]}`;
    if (/Saturday or Sunday/.test(e.message)) return 'phải là thứ Bảy hoặc Chủ nhật';
    if (/a name/.test(e.message)) return 'phải có tên ngày lễ';
    if (/yyyy-mm-dd/.test(e.message)) return 'phải là một ngày (dd/mm/yyyy)';
    return undefined;
  },
};

/** What the API said of one field, in the chosen language; undefined when it named no problem there. */
export function fieldProblemOf(error: unknown, field: string, lang: Lang): { text: string; english?: string } | undefined {
  if (!(error instanceof ApiError)) return undefined;
  // DTO validation names an array's item `days.3.date`, the domain's validators `days[3].date`: the same field.
  const same = (name: string) => name.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  const found = (error.body.errors ?? []).filter((e) => same(e.field) === same(field));
  if (found.length === 0) return undefined;
  if (lang === 'en') return { text: found.map((e) => e.message).join('; ') };
  const vi = found.map((e) => RULES_VI[e.rule]?.(e));
  return vi.every(Boolean)
    ? { text: vi.join('; '), english: found.map((e) => e.message).join('; ') }
    : { text: found.map((e) => e.message).join('; ') };
}

/**
 * A labelled form field with its problem under it: one the screen found itself (`problem`), or the one the API named
 * for `name` in `error` — in Vietnamese with the API's English beside it, or in English. The input is marked invalid.
 */
export function Field({
  label,
  children,
  problem,
  error,
  name,
  className,
}: {
  label: ReactNode;
  children: ReactElement<{ 'aria-invalid'?: boolean }>;
  problem?: string;
  error?: unknown;
  name?: string;
  className?: string;
}) {
  const { lang } = useI18n();
  const server = name ? fieldProblemOf(error, name, lang) : undefined;
  const shown = problem ? { text: problem } : server;
  return (
    <label className={className}>
      {label}
      {cloneElement(children, { 'aria-invalid': shown ? true : undefined })}
      {shown && (
        <span className="field-problem" role="alert" data-testid="field-problem">
          {shown.text}
          {shown.english && (
            <>
              {' '}
              <span lang="en">({shown.english})</span>
            </>
          )}
        </span>
      )}
    </label>
  );
}
