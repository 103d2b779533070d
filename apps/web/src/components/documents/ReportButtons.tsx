// Buttons that download the office's documents the API generates (progress report, minutes, recognition list).
import { useState } from 'react';
import { useI18n, useTexts } from '../../i18n';
import { downloadReport } from './transfer';
import { REPORT_TEXTS } from './texts';
import './documents.css';

export interface ReportLink {
  key: keyof (typeof REPORT_TEXTS)['vi'];
  path: string;
  fileName: string;
}

export function ReportButtons({ links, disabled = false }: { links: readonly ReportLink[]; disabled?: boolean }) {
  const T = useTexts(REPORT_TEXTS);
  const { errorText } = useI18n();
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const fetchReport = async (link: ReportLink) => {
    setBusy(link.path);
    setFailure(undefined);
    try {
      await downloadReport(link.path, link.fileName);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="report-buttons" role="group" aria-label={T.reports} data-testid="report-buttons">
      {links.map((link) => (
        <button
          key={link.path}
          type="button"
          className="secondary"
          onClick={() => void fetchReport(link)}
          disabled={disabled || busy !== undefined}
          data-testid={`report-${link.key}`}
        >
          {busy === link.path ? T.downloading : T[link.key]}
        </button>
      ))}
      {failure !== undefined && (
        <p className="error" role="alert">
          {errorText(failure)}
        </p>
      )}
    </div>
  );
}
