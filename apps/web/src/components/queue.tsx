// The frame of an agency's work queue (the lab's requests, the inspector's inspections): a dismissable outcome of the
// last answer, a filter with the count and a refresh button, then the list or why there is none.
import type { ReactNode } from 'react';
import type { Loaded } from '../hooks';
import { useI18n } from '../i18n';
import { ErrorBanner, Loading } from './common';
import './queue.css';

/** What the last answer did, until dismissed. */
export function QueueOutcome({
  tone,
  testId,
  onDismiss,
  children,
}: {
  tone: string;
  testId: string;
  onDismiss: () => void;
  children: ReactNode;
}) {
  return (
    <p className={tone} role="status" data-testid={testId}>
      {children}{' '}
      <button type="button" className="link" onClick={onDismiss} aria-label="×">
        ×
      </button>
    </p>
  );
}

/** The filter, how many rows it shows and a refresh button; then the rows (or loading, the error, the empty text). */
export function Queue({
  filter,
  list,
  count,
  countText,
  emptyText,
  children,
}: {
  filter: ReactNode;
  list: Loaded<unknown>;
  count: number;
  countText: string;
  emptyText: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="queue-toolbar">
        <label className="queue-filter">{filter}</label>
        <div style={{ display: 'flex', gap: '0.6rem', alignItems: 'center' }}>
          {list.data !== undefined && <span className="muted">{countText}</span>}
          <button type="button" className="secondary" onClick={() => void list.reload()}>
            {t('refresh')}
          </button>
        </div>
      </div>
      <ErrorBanner error={list.error} />
      {list.loading && list.data === undefined ? (
        <Loading />
      ) : count === 0 ? (
        <p className="muted card">{emptyText}</p>
      ) : (
        <div className="queue-list">{children}</div>
      )}
    </>
  );
}
