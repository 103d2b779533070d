// Small pieces every screen uses.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useNow } from '../hooks';
import { useI18n } from '../i18n';
import { isTerminalStage } from '@ocop/model';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('loading')}
    </p>
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
