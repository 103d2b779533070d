// The inspector's report for the round awaiting one: pass or fail, and notes.
import { useRef, useState, type FormEvent } from 'react';
import { post } from '../../api';
import { ErrorBanner } from '../../components/common';
import { useTexts } from '../../i18n';
import { INSPECTION_TEXTS } from './texts';
import type { Inspection, InspectionReportResult } from './types';

export function ReportForm({ inspection, onDone }: { inspection: Inspection; onDone: (result: InspectionReportResult) => void }) {
  const T = useTexts(INSPECTION_TEXTS);
  const [verdict, setVerdict] = useState<'pass' | 'fail' | ''>('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());
  const name = `verdict-${inspection.certificateNo}-${inspection.round}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!verdict) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { verdict, ...(notes.trim() ? { notes: notes.trim() } : {}) };
      onDone(
        await post<InspectionReportResult>(`/inspections/${encodeURIComponent(inspection.certificateNo)}/report`, body, {
          idempotencyKey: idempotencyKey.current,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-label={`${T.writeReport}: ${inspection.certificateNo}`}>
      <fieldset className="insp-verdict">
        <legend>{T.verdict}</legend>
        <label className={`insp-choice pass${verdict === 'pass' ? ' chosen' : ''}`}>
          <input type="radio" name={name} value="pass" checked={verdict === 'pass'} onChange={() => setVerdict('pass')} required />
          {T.pass}
        </label>
        <label className={`insp-choice fail${verdict === 'fail' ? ' chosen' : ''}`}>
          <input type="radio" name={name} value="fail" checked={verdict === 'fail'} onChange={() => setVerdict('fail')} />
          {T.fail}
        </label>
      </fieldset>
      {verdict === 'fail' && <p className="warning">{T.failHint}</p>}
      <label>
        {T.notes}
        <textarea
          name="notes"
          rows={3}
          maxLength={2000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          placeholder={T.notesPlaceholder}
        />
      </label>
      <ErrorBanner error={error} />
      <button type="submit" disabled={busy || !verdict}>
        {busy ? T.sending : T.submitReport}
      </button>
    </form>
  );
}
