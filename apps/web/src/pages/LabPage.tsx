// The lab's queue: the requests addressed to its agency (waiting ones by default), each with its result form.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { query } from '../api';
import { Queue, QueueOutcome } from '../components/queue';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { LabRequestCard, statusText } from './lab/LabRequestCard';
import { fill, LAB_TEXTS } from './lab/texts';
import { LAB_STATUSES, type LabRequest, type LabResults, type LabStatus } from './lab/types';
import './lab/lab.css';

export function LabPage() {
  const T = useTexts(LAB_TEXTS);
  const { t, dateTime } = useI18n();
  // A notification opens the requests of its product (?product=<id>), whatever their status.
  const [params] = useSearchParams();
  const product = params.get('product') ?? undefined;
  const [status, setStatus] = useState<LabStatus | ''>(product ? '' : 'requested');
  const list = useGet<LabRequest[]>(`/lab-requests${query({ status })}`, 30_000);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  // Requests answered here: hidden from the waiting list at once, before the read model catches up.
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());

  const submitted = (result: LabResults) => {
    const name = result.request.productName;
    if (result.request.status === 'passed') setOutcome({ tone: 'success', text: fill(T.outcomePassed, { name }) });
    else if (result.retest)
      setOutcome({
        tone: 'warning',
        text: fill(T.outcomeRetest, { name, attempt: result.retest.attempt, due: dateTime(result.retest.dueAt ?? undefined) }),
      });
    else setOutcome({ tone: 'warning', text: fill(T.outcomeFailed, { name }) });
    setAnswered((all) => new Set(all).add(result.request.requestId));
    void list.reload();
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const rows = (list.data ?? []).filter(
    (r) => !(r.status === 'requested' && answered.has(r.requestId)) && (!product || r.productId === product),
  );

  return (
    <div>
      <h1>{T.title}</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {T.intro}
      </p>
      {product && (
        <p data-testid="lab-product-filter">
          <Link to="/lab">{t('all')}</Link>
        </p>
      )}
      {outcome && (
        <QueueOutcome tone={outcome.tone} testId="lab-outcome" onDismiss={() => setOutcome(null)}>
          {outcome.text}
        </QueueOutcome>
      )}
      <Queue
        list={list}
        count={rows.length}
        countText={fill(T.count, { n: rows.length })}
        emptyText={T.empty}
        filter={
          <>
            {T.filterStatus}
            <select value={status} onChange={(e) => setStatus(e.target.value as LabStatus | '')} data-testid="lab-status-filter">
              {LAB_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusText(T, s)}
                </option>
              ))}
              <option value="">{t('all')}</option>
            </select>
          </>
        }
      >
        {rows.map((r) => (
          <LabRequestCard key={r.requestId} request={r} onSubmitted={submitted} />
        ))}
      </Queue>
    </div>
  );
}
