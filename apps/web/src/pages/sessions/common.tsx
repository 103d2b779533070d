// Pieces both council screens use: the session's title and area, its status badge.
import { useI18n, useTexts } from '../../i18n';
import { districtName, PROVINCE } from '../../reference';
import { fill, SESSION_TEXTS } from './texts';
import type { SessionSummary } from './types';
import '../workspace/workspace.css';
import './sessions.css';

/** "Hội đồng cấp huyện" / "District council". */
export function useCouncilTitle(): (level: string) => string {
  const T = useTexts(SESSION_TEXTS);
  const { tx, lang } = useI18n();
  return (level) => {
    const name = tx('level', level);
    return fill(T.council, { level: lang === 'vi' ? name.charAt(0).toLowerCase() + name.slice(1) : name });
  };
}

export function useAreaName(): (session: Pick<SessionSummary, 'level' | 'areaCode'>) => string {
  const T = useTexts(SESSION_TEXTS);
  const { lang } = useI18n();
  return ({ level, areaCode }) => {
    if (level === 'district') return districtName(areaCode, lang);
    if (level === 'central') return T.central;
    if (areaCode === PROVINCE.code) return lang === 'vi' ? PROVINCE.vi : PROVINCE.en;
    return areaCode;
  };
}

export function SessionStatus({ status }: { status: string }) {
  const T = useTexts(SESSION_TEXTS);
  return (
    <span className={`badge ${status === 'open' ? 'wait' : 'good'}`} data-status={status}>
      {status === 'open' ? T.open : status === 'closed' ? T.closed : status}
    </span>
  );
}
