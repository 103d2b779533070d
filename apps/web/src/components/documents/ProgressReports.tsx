// The progress report buttons of the dashboard, with the day the report is for: dd/mm/yyyy typed as a clerk writes
// it, sent to the API as asOf=yyyy-mm-dd (the cycle as it stood at the end of that day); empty, the numbers now.
import { useId, useState } from 'react';
import { query } from '../../api';
import { parseDateInput } from '../../format';
import { useTexts } from '../../i18n';
import { ReportButtons } from './ReportButtons';
import { REPORT_TEXTS } from './texts';

export function ProgressReports({
  province,
  year,
  filters,
}: {
  province: string;
  year: number;
  filters: { district: string | null; productGroup: string | null };
}) {
  const T = useTexts(REPORT_TEXTS);
  const id = useId();
  const [day, setDay] = useState('');
  const asOf = day.trim() ? parseDateInput(day) : undefined;
  const invalid = day.trim() !== '' && asOf === undefined;
  const filter = query({ district: filters.district ?? undefined, productGroup: filters.productGroup ?? undefined, asOf });
  const base = `/cycles/${encodeURIComponent(province)}/${year}/progress`;
  const suffix = asOf ? `-ngay-${asOf}` : '';
  return (
    <div className="progress-reports">
      <label htmlFor={`${id}-as-of`}>
        {T.asOf}
        <input
          id={`${id}-as-of`}
          name="asOf"
          inputMode="numeric"
          placeholder="dd/mm/yyyy"
          value={day}
          onChange={(e) => setDay(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={`${id}-as-of-hint`}
          data-testid="report-as-of"
        />
      </label>
      <p id={`${id}-as-of-hint`} className={invalid ? 'error' : 'muted'} role={invalid ? 'alert' : undefined}>
        {invalid ? T.asOfInvalid : T.asOfHint}
      </p>
      <ReportButtons
        disabled={invalid}
        links={[
          { key: 'progressXlsx', path: `${base}/xlsx${filter}`, fileName: `tien-do-ocop-${province}-${year}${suffix}.xlsx` },
          { key: 'progressCsv', path: `${base}/csv${filter}`, fileName: `tien-do-ocop-${province}-${year}${suffix}.csv` },
        ]}
      />
    </div>
  );
}
