// One inspection round: the certificate, the product, the deadline counting down, the verdicts, and the report form.
import { useState } from 'react';
import { Countdown, ProductLink, Stars } from '../../components/common';
import { useNow } from '../../hooks';
import { useI18n, useTexts } from '../../i18n';
import { ReportForm } from './ReportForm';
import { DocumentsPanel } from '../../components/documents/DocumentsPanel';
import { kindsFor } from '../../components/documents/kinds';
import { INSPECTION_TEXTS, statusText } from './texts';
import { awaitsReport, deadlineOf, type Inspection, type InspectionReportResult } from './types';

export function InspectionCard({
  inspection,
  onReported,
}: {
  inspection: Inspection;
  onReported: (result: InspectionReportResult) => void;
}) {
  const T = useTexts(INSPECTION_TEXTS);
  const { tx, dateTime } = useI18n();
  const now = useNow(30_000);
  const [open, setOpen] = useState(false);
  const awaiting = awaitsReport(inspection);
  const deadline = deadlineOf(inspection);
  const late = inspection.status === 'overdue' || (awaiting && Date.parse(deadline) < now);
  const tone = late ? 'overdue' : inspection.status;
  const badge = inspection.status === 'passed' ? 'good' : inspection.status === 'requested' && !late ? 'wait' : 'bad';
  const verdictText = (v: string | null) => (v === 'pass' ? T.pass : v === 'fail' ? T.fail : '—');
  const reInspection = inspection.status === 'failed';

  return (
    <article
      className={`queue-card ${tone}`}
      data-testid="inspection"
      data-certificate-no={inspection.certificateNo}
      data-status={inspection.status}
    >
      <header className="queue-head">
        <div>
          <div className="insp-no">{inspection.certificateNo}</div>
          <h2>{inspection.productName ?? '—'}</h2>
          <Stars count={inspection.stars ?? undefined} />
        </div>
        <span className={`badge ${badge}`}>{statusText(T, late && awaiting ? 'overdue' : inspection.status)}</span>
      </header>
      <dl className="queue-facts">
        <dt>{T.round}</dt>
        <dd>{inspection.round}</dd>
        <dt>{T.inspectionDue}</dt>
        <dd>{dateTime(inspection.dueAt)}</dd>
        <dt>{T.reportDue}</dt>
        <dd className={!reInspection && late ? 'insp-late' : undefined}>
          {dateTime(inspection.reportDueAt)}
          {awaiting && !reInspection && (
            <>
              <br />
              <Countdown dueAt={inspection.reportDueAt} />
            </>
          )}
        </dd>
        {inspection.remediationDueAt && (
          <>
            <dt>{T.remediationDue}</dt>
            <dd className={reInspection && late ? 'insp-late' : undefined}>
              {dateTime(inspection.remediationDueAt)}
              {awaiting && reInspection && (
                <>
                  <br />
                  <Countdown dueAt={inspection.remediationDueAt} />
                </>
              )}
            </dd>
          </>
        )}
        <dt>{T.certificateStatus}</dt>
        <dd>{inspection.certificateStatus ? tx('status', inspection.certificateStatus) : '—'}</dd>
        {inspection.verdict && (
          <>
            <dt>{T.verdict}</dt>
            <dd>{verdictText(inspection.verdict)}</dd>
          </>
        )}
        {inspection.reInspectionVerdict && (
          <>
            <dt>{T.reVerdict}</dt>
            <dd>{verdictText(inspection.reInspectionVerdict)}</dd>
          </>
        )}
      </dl>
      <p style={{ margin: '0.2rem 0 0.6rem' }}>
        <ProductLink id={inspection.productId}>{T.openProduct}</ProductLink>
      </p>
      {awaiting &&
        (open ? (
          <>
            <DocumentsPanel
              productId={inspection.productId}
              kinds={kindsFor('inspector')}
              show={['inspection_minutes', 'inspection_photo']}
              subjectId={inspection.certificateNo}
              title={T.minutesAndPhotos}
            />
            <ReportForm
              inspection={inspection}
              onDone={(result) => {
                setOpen(false);
                onReported(result);
              }}
            />
            <button type="button" className="link" onClick={() => setOpen(false)} style={{ marginTop: '0.5rem' }}>
              {T.hideForm}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setOpen(true)} style={{ width: '100%' }}>
            {reInspection ? T.writeReReport : T.writeReport}
          </button>
        ))}
    </article>
  );
}
