// The inspector's queue: the post-certification inspections assigned to its agency (open ones first), each with its report form.
import { useState } from 'react';
import { query } from '../api';
import { Queue, QueueOutcome } from '../components/queue';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { InspectionCard } from './inspections/InspectionCard';
import { fill, INSPECTION_TEXTS, statusText } from './inspections/texts';
import { INSPECTION_STATUSES, type Inspection, type InspectionReportResult, type InspectionStatus } from './inspections/types';
import './inspections/inspections.css';

export function InspectionsPage() {
  const T = useTexts(INSPECTION_TEXTS);
  const { t, tx } = useI18n();
  const [status, setStatus] = useState<InspectionStatus | ''>('');
  const list = useGet<Inspection[]>(`/inspections${query({ status })}`, 30_000);
  const [outcome, setOutcome] = useState<InspectionReportResult | null>(null);

  const reported = (result: InspectionReportResult) => {
    setOutcome(result);
    void list.reload();
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const rows = list.data ?? [];
  return (
    <div>
      <h1>{T.title}</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {T.intro}
      </p>
      {outcome && (
        <QueueOutcome
          tone={outcome.certificateStatus === 'valid' ? 'success' : 'warning'}
          testId="inspection-outcome"
          onDismiss={() => setOutcome(null)}
        >
          {fill(T.outcome, { no: outcome.certificateNo, status: tx('status', outcome.certificateStatus) })}
          {outcome.awaiting === 're_inspection_report' && <> {T.outcomeAwaiting}</>}
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
            <select
              value={status}
              onChange={(e) => setStatus(e.target.value as InspectionStatus | '')}
              data-testid="inspection-status-filter"
            >
              <option value="">{t('all')}</option>
              {INSPECTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusText(T, s)}
                </option>
              ))}
            </select>
          </>
        }
      >
        {rows.map((i) => (
          <InspectionCard key={`${i.certificateNo}:${i.round}`} inspection={i} onReported={reported} />
        ))}
      </Queue>
    </div>
  );
}
