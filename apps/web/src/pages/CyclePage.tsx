// The province's cycle: its calendar and targets; the provincial coordinator opens a year's cycle (rule set,
// calendar, targets) and moves a window's date, with the validator's reasons (not in the past, windows in order)
// shown as the API gives them. The holiday calendar the working days are counted with: HolidaysPage (/holidays).
import { useState, type FormEvent } from 'react';
import { post } from '../api';
import { useAuth } from '../auth';
import { ActionOutcome, Card, ErrorBanner, Loading } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { PROVINCE } from '../reference';
import { useAction } from './workspace/useAction';

const WINDOWS = [
  'ideaWindowClosesAt',
  'businessPlanDueAt',
  'dossierDueAt',
  'districtSessionsCloseAt',
  'provincialSessionsCloseAt',
  'certificationAt',
] as const;
type Window = (typeof WINDOWS)[number];
const TARGETS = ['newCertifiedProducts', 'organisationsConsolidated', 'newOrganisations'] as const;
const RULE_SETS = ['QD1048-2019', 'QD148-2023', 'QD1489-2025'];

const TEXTS = {
  vi: {
    intro: 'Lịch và chỉ tiêu chu trình OCOP của tỉnh. Ngày nghỉ lễ (tính ngày làm việc): xem trang Ngày nghỉ lễ.',
    year: 'Năm',
    ruleSet: 'Bộ tiêu chí',
    status: 'Trạng thái',
    calendar: 'Lịch',
    targets: 'Chỉ tiêu',
    none: 'Chưa mở chu trình năm này.',
    openTitle: 'Mở chu trình',
    open: 'Mở chu trình',
    opened: 'Đã mở chu trình {year}.',
    move: 'Dời ngày',
    newDate: 'Ngày mới',
    moved: 'Đã dời ngày; các sản phẩm đang chạy nhận ngày mới ngay.',
    defaults: 'Để trống để dùng lịch mặc định của năm.',
    ideaWindowClosesAt: 'Hết hạn đăng ký ý tưởng',
    businessPlanDueAt: 'Hạn nộp phương án kinh doanh',
    dossierDueAt: 'Hạn nộp hồ sơ đánh giá',
    districtSessionsCloseAt: 'Kết thúc đánh giá cấp huyện',
    provincialSessionsCloseAt: 'Kết thúc đánh giá cấp tỉnh',
    certificationAt: 'Công nhận, cấp giấy chứng nhận',
    newCertifiedProducts: 'Sản phẩm mới được công nhận',
    organisationsConsolidated: 'Chủ thể được củng cố',
    newOrganisations: 'Chủ thể mới',
  },
  en: {
    intro: "The province's OCOP calendar and targets. The holidays working days are counted with: see Public holidays.",
    year: 'Year',
    ruleSet: 'Rule set',
    status: 'Status',
    calendar: 'Calendar',
    targets: 'Targets',
    none: 'No cycle has been opened for this year.',
    openTitle: 'Open a cycle',
    open: 'Open the cycle',
    opened: 'The {year} cycle is open.',
    move: 'Move the date',
    newDate: 'New date',
    moved: 'Moved; running journeys take the new date at once.',
    defaults: "Leave empty for the year's default calendar.",
    ideaWindowClosesAt: 'Idea registration closes',
    businessPlanDueAt: 'Business plans due',
    dossierDueAt: 'Dossiers due',
    districtSessionsCloseAt: 'District evaluation ends',
    provincialSessionsCloseAt: 'Provincial evaluation ends',
    certificationAt: 'Recognition and certificates',
    newCertifiedProducts: 'New certified products',
    organisationsConsolidated: 'Organisations consolidated',
    newOrganisations: 'New organisations',
  },
};

interface Cycle {
  provinceCode: string;
  year: number;
  ruleSet: string;
  status: string;
  calendar: Record<Window, string> & { labTurnaroundDays: number };
  targets: Record<(typeof TARGETS)[number], number>;
}

/** A date input's day as the end of that day in Vietnam (how the calendar's dates are kept). */
const endOfDay = (day: string) => new Date(`${day}T23:59:59+07:00`).toISOString().replace(/\.\d+Z$/, '.000Z');

export function CyclePage() {
  const T = useTexts(TEXTS);
  const { t, date } = useI18n();
  const { user } = useAuth();
  const province = user?.provinceCode ?? PROVINCE.code;
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const cycles = useGet<Cycle[]>('/cycles');
  const mine = (cycles.data ?? []).filter((c) => c.provinceCode === province).sort((a, b) => b.year - a.year);
  const cycle = mine.find((c) => c.year === year);
  const mayChange = user?.role === 'provincial_coordinator' || user?.role === 'admin';

  return (
    <div>
      <h1>
        {t('cycle')} — {PROVINCE.vi}
      </h1>
      <p className="muted">{T.intro}</p>
      <div className="toolbar">
        <label>
          {T.year}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="cycle-year">
            {[...new Set([...mine.map((c) => c.year), new Date().getFullYear(), new Date().getFullYear() + 1])]
              .sort((a, b) => b - a)
              .map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={cycles.error} />
      {cycles.loading && !cycles.data ? (
        <Loading />
      ) : cycle ? (
        <>
          <Card title={`${T.calendar} ${cycle.year} · ${cycle.ruleSet} · ${cycle.status}`}>
            <ul className="plain" data-testid="cycle-calendar">
              {WINDOWS.map((w) => (
                <li key={w} data-window={w}>
                  <strong>{T[w]}</strong>: <span data-testid={`date-${w}`}>{date(cycle.calendar[w])}</span>
                  {mayChange && cycle.status === 'open' && <MoveDate cycle={cycle} window={w} onMoved={cycles.reload} />}
                </li>
              ))}
            </ul>
          </Card>
          <Card title={T.targets}>
            <ul className="plain">
              {TARGETS.map((k) => (
                <li key={k}>
                  {T[k]}: <strong>{cycle.targets?.[k] ?? '—'}</strong>
                </li>
              ))}
            </ul>
          </Card>
        </>
      ) : (
        <>
          <p className="muted">{T.none}</p>
          {mayChange && <OpenCycle province={province} year={year} onOpened={cycles.reload} />}
        </>
      )}
    </div>
  );
}

function MoveDate({ cycle, window, onMoved }: { cycle: Cycle; window: Window; onMoved: () => Promise<void> }) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(
      () => post(`/cycles/${cycle.provinceCode}/${cycle.year}/dates`, { window, newDate: day ? endOfDay(day) : '' }),
      () => T.moved,
    );
    if (done) await onMoved();
  };
  return (
    <>
      {' '}
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`move-${window}`}>
        {T.move}
      </button>
      {open && (
        <form className="form" onSubmit={submit}>
          <label>
            {T.newDate} — {T[window]}
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} autoFocus required />
          </label>
          <ActionOutcome error={action.error} done={action.done} />
          <button type="submit" disabled={action.busy}>
            {T.move}
          </button>
        </form>
      )}
    </>
  );
}

function OpenCycle({ province, year, onOpened }: { province: string; year: number; onOpened: () => Promise<void> }) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [ruleSet, setRuleSet] = useState(year >= 2025 ? 'QD1489-2025' : year >= 2023 ? 'QD148-2023' : 'QD1048-2019');
  const [dates, setDates] = useState<Partial<Record<Window, string>>>({});
  const [targets, setTargets] = useState<Record<string, string>>({
    newCertifiedProducts: '30',
    organisationsConsolidated: '10',
    newOrganisations: '5',
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const calendar = Object.fromEntries(
      Object.entries(dates)
        .filter(([, v]) => v)
        .map(([k, v]) => [k, endOfDay(v!)]),
    );
    const body = {
      provinceCode: province,
      year,
      ruleSet,
      ...(Object.keys(calendar).length ? { calendar } : {}),
      targets: Object.fromEntries(TARGETS.map((k) => [k, Number(targets[k])])),
    };
    const done = await action.run(
      () => post('/cycles', body),
      () => T.opened.replace('{year}', String(year)),
    );
    if (done) await onOpened();
  };
  return (
    <Card title={`${T.openTitle} ${year}`}>
      <form className="form" onSubmit={submit} data-testid="open-cycle">
        <label>
          {T.ruleSet}
          <select value={ruleSet} onChange={(e) => setRuleSet(e.target.value)}>
            {RULE_SETS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <p className="muted ws-hint">{T.defaults}</p>
        {WINDOWS.map((w) => (
          <label key={w}>
            {T[w]}
            <input type="date" value={dates[w] ?? ''} onChange={(e) => setDates((d) => ({ ...d, [w]: e.target.value }))} />
          </label>
        ))}
        {TARGETS.map((k) => (
          <label key={k}>
            {T[k]}
            <input
              type="text"
              inputMode="numeric"
              value={targets[k]}
              onChange={(e) => setTargets((x) => ({ ...x, [k]: e.target.value }))}
            />
          </label>
        ))}
        <ActionOutcome error={action.error} done={action.done} />
        <button type="submit" disabled={action.busy}>
          {T.open}
        </button>
      </form>
    </Card>
  );
}
