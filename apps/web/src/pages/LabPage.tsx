// The lab's queue: the requests addressed to its agency (waiting ones by default), each with its result form.
import { useState } from 'react';
import { query } from '../api';
import { ErrorBanner, Loading } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { LabRequestCard, statusText } from './lab/LabRequestCard';
import { fill, LAB_TEXTS } from './lab/texts';
import { LAB_STATUSES, type LabRequest, type LabResults, type LabStatus } from './lab/types';
import './lab/lab.css';

export function LabPage() {
  const T = useTexts(LAB_TEXTS);
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<LabStatus | ''>('requested');
  const list = useGet<LabRequest[]>(`/lab-requests${query({ status })}`, 30_000);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  // Requests answered here: hidden from the waiting list at once, before the read model catches up.
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());

  const submitted = (result: LabResults) => {
    const name = result.request.productName;
    if (result.request.status === 'passed') setOutcome({ tone: 'success', text: fill(T.outcomePassed, { name }) });
    else if (result.retest) setOutcome({ tone: 'warning', text: fill(T.outcomeRetest, { name, attempt: result.retest.attempt, due: dateTime(result.retest.dueAt ?? undefined) }) });
    else setOutcome({ tone: 'warning', text: fill(T.outcomeFailed, { name }) });
    setAnswered((all) => new Set(all).add(result.request.requestId));
    void list.reload();
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const rows = (list.data ?? []).filter((r) => !(r.status === 'requested' && answered.has(r.requestId)));

  return (
    <div>
      <h1>{T.title}</h1>
      <p className="muted" style={{ marginTop: 0 }}>{T.intro}</p>
      {outcome && (
        <p className={outcome.tone} role="status" data-testid="lab-outcome">
          {outcome.text}{' '}
          <button type="button" className="link" onClick={() => setOutcome(null)} aria-label="×">
            ×
          </button>
        </p>
      )}
      <div className="lab-toolbar">
        <label className="lab-filter">
          {T.filterStatus}
          <select value={status} onChange={(e) => setStatus(e.target.value as LabStatus | '')} data-testid="lab-status-filter">
            {LAB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusText(T, s)}
              </option>
            ))}
            <option value="">{t('all')}</option>
          </select>
        </label>
        <div style={{ display: 'flex', gap: '0.6rem', alignItems: 'center' }}>
          {list.data && <span className="muted">{fill(T.count, { n: rows.length })}</span>}
          <button type="button" className="secondary" onClick={() => void list.reload()}>
            {t('refresh')}
          </button>
        </div>
      </div>
      <ErrorBanner error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted card">{T.empty}</p>
      ) : (
        <div className="lab-list">
          {rows.map((r) => (
            <LabRequestCard key={r.requestId} request={r} onSubmitted={submitted} />
          ))}
        </div>
      )}
    </div>
  );
}
