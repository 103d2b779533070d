// The lab's results for one request: one row per indicator (name, measured value, passed), at least one row.
import { useRef, useState, type FormEvent } from 'react';
import { post } from '../../api';
import { ErrorBanner } from '../../components/common';
import { useTexts } from '../../i18n';
import { fill, LAB_TEXTS } from './texts';
import type { LabRequest, LabResults } from './types';

interface Row {
  key: number;
  indicator: string;
  value: string;
  passed: boolean;
}

const MAX_ROWS = 50; // the API's limit

export function ResultForm({ request, onDone }: { request: LabRequest; onDone: (result: LabResults) => void }) {
  const T = useTexts(LAB_TEXTS);
  const nextKey = useRef(1);
  const newRow = (): Row => ({ key: nextKey.current++, indicator: '', value: '', passed: true });
  const [rows, setRows] = useState<Row[]>(() => [newRow()]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // One key per form: a double submit or a retry of the same results records them once.
  const idempotencyKey = useRef(crypto.randomUUID());

  const change = (key: number, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const remove = (key: number) => setRows((all) => (all.length > 1 ? all.filter((r) => r.key !== key) : all));
  const add = () => setRows((all) => (all.length < MAX_ROWS ? [...all, newRow()] : all));
  const failed = rows.filter((r) => !r.passed).length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const indicators = rows.map((r) => ({
        indicator: r.indicator.trim(),
        ...(r.value.trim() ? { value: r.value.trim() } : {}),
        passed: r.passed,
      }));
      const result = await post<LabResults>(
        `/lab-requests/${encodeURIComponent(request.requestId)}/results`,
        { indicators },
        { idempotencyKey: idempotencyKey.current },
      );
      onDone(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form lab-form" onSubmit={submit} aria-label={`${T.enterResults}: ${request.productName}`}>
      <fieldset className="lab-fieldset">
        <legend>{T.indicators}</legend>
        {rows.map((row, i) => (
          <div
            className={`lab-row${row.passed ? '' : ' failed'}`}
            key={row.key}
            data-testid="indicator-row"
            role="group"
            aria-label={fill(T.rowLabel, { n: i + 1 })}
          >
            <label className="lab-name">
              {T.indicator}
              <input
                name="indicator"
                value={row.indicator}
                onChange={(e) => change(row.key, { indicator: e.target.value })}
                placeholder={T.indicatorPlaceholder}
                maxLength={200}
                required
              />
            </label>
            <label className="lab-value">
              {T.value}
              <input
                name="value"
                value={row.value}
                onChange={(e) => change(row.key, { value: e.target.value })}
                placeholder={T.valuePlaceholder}
                maxLength={200}
              />
            </label>
            <div className="lab-row-actions">
              <label className="lab-check">
                <input type="checkbox" name="passed" checked={row.passed} onChange={(e) => change(row.key, { passed: e.target.checked })} />
                {T.passed}
              </label>
              <button
                type="button"
                className="secondary"
                onClick={() => remove(row.key)}
                disabled={rows.length <= 1}
                aria-label={`${T.removeRow} ${fill(T.rowLabel, { n: i + 1 })}`}
              >
                {T.removeRow}
              </button>
            </div>
          </div>
        ))}
        <button type="button" className="secondary" onClick={add} disabled={rows.length >= MAX_ROWS}>
          {T.addRow}
        </button>
      </fieldset>
      <p className={failed ? 'warning' : 'success'} data-testid="lab-summary">
        {failed ? fill(T.summaryFail, { n: failed }) : T.summaryPass}
      </p>
      <ErrorBanner error={error} />
      <button type="submit" disabled={busy}>
        {busy ? T.sending : T.submitResults}
      </button>
    </form>
  );
}
