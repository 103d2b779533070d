// One lab request: the product, where it comes from, the attempt, the due date counting down, and its results or the form.
import { useState } from 'react';
import { Countdown, ProductLink } from '../../components/common';
import { useNow } from '../../hooks';
import { useI18n, useTexts } from '../../i18n';
import { districtName, groupName } from '../../reference';
import { ResultForm } from './ResultForm';
import { DocumentsPanel } from '../../components/documents/DocumentsPanel';
import { kindsFor } from '../../components/documents/kinds';
import { LAB_TEXTS, type LabTexts } from './texts';
import type { LabRequest, LabResults } from './types';

export const statusText = (T: LabTexts, status: string): string => (T as Record<string, string>)[`st_${status}`] ?? status;

export function LabRequestCard({ request, onSubmitted }: { request: LabRequest; onSubmitted: (result: LabResults) => void }) {
  const T = useTexts(LAB_TEXTS);
  const { t, lang, dateTime } = useI18n();
  const now = useNow(30_000);
  const [open, setOpen] = useState(false);
  const awaiting = request.status === 'requested';
  const late = request.status === 'overdue' || (awaiting && !!request.dueAt && Date.parse(request.dueAt) < now);
  const tone = late ? 'overdue' : request.status;
  const badge = request.status === 'passed' ? 'good' : request.status === 'requested' && !late ? 'wait' : 'bad';

  return (
    <article className={`queue-card ${tone}`} data-testid="lab-request" data-request-id={request.requestId} data-status={request.status}>
      <header className="queue-head">
        <div>
          <h2>{request.productName}</h2>
          <span className="muted">
            {groupName(request.productGroup, lang)} · {districtName(request.districtCode, lang)}
          </span>
        </div>
        <span className={`badge ${badge}`}>{late && awaiting ? statusText(T, 'overdue') : statusText(T, request.status)}</span>
      </header>
      <dl className="queue-facts">
        <dt>{T.attempt}</dt>
        <dd data-testid="attempt">
          {request.attempt}
          {request.attempt > 1 && <span className="muted"> ({T.retest})</span>}
        </dd>
        <dt>{T.requestedAt}</dt>
        <dd>{dateTime(request.requestedAt)}</dd>
        {request.dueAt && (
          <>
            <dt>{t('dueAt')}</dt>
            <dd className={`lab-due${late ? ' overdue' : ''}`}>
              {dateTime(request.dueAt)}
              {awaiting && (
                <>
                  <br />
                  <Countdown dueAt={request.dueAt} />
                </>
              )}
            </dd>
          </>
        )}
        {request.decidedAt && (
          <>
            <dt>{T.decidedAt}</dt>
            <dd>{dateTime(request.decidedAt)}</dd>
          </>
        )}
      </dl>
      {request.results && request.results.length > 0 && (
        <>
          <strong>{T.results}</strong>
          <ul className="lab-results">
            {request.results.map((r, i) => (
              <li key={i}>
                <span className={r.passed ? 'ok' : 'ko'} aria-label={r.passed ? T.st_passed : T.st_failed}>
                  {r.passed ? '✓' : '✗'}
                </span>{' '}
                {r.indicator}
                {r.value && <span className="muted"> — {r.value}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p style={{ margin: '0.2rem 0 0.6rem' }}>
        <ProductLink id={request.productId}>{T.openProduct}</ProductLink>
      </p>
      {awaiting &&
        (open ? (
          <>
            <DocumentsPanel
              productId={request.productId}
              kinds={kindsFor('lab')}
              show={['lab_report']}
              subjectId={request.requestId}
              title={T.signedReport}
            />
            <ResultForm
              request={request}
              onDone={(result) => {
                setOpen(false);
                onSubmitted(result);
              }}
            />
            <button type="button" className="link" onClick={() => setOpen(false)} style={{ marginTop: '0.5rem' }}>
              {T.hideForm}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setOpen(true)} style={{ width: '100%' }}>
            {T.enterResults}
          </button>
        ))}
    </article>
  );
}
