// The public holiday calendar (GET /calendars/holidays/:year?province=): a year's closed days as a province counts
// them — the national schedule (set by the central office, else the official one shipped with the system, else the
// Labour Code's) with the province's own days over it, each day marked with its layer; dates written dd/mm/yyyy. The
// central office (or admin) edits the national schedule; a provincial coordinator (or admin) its province's own days
// off and weekend days worked, which count for that province's sessions only. The API's validator names any day it
// refuses, shown under that day.
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { put } from '../api';
import { useAuth } from '../auth';
import { Card, ErrorBanner, Field, Loading } from '../components/common';
import { formatDay, parseDateInput } from '../format';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { useAction } from './workspace/useAction';
import './workspace/workspace.css';

const TEXTS = {
  vi: {
    intro: 'Những ngày cơ quan nghỉ trong năm. Hạn nộp và thời gian hội đồng được tính theo ngày làm việc, bỏ qua những ngày này.',
    year: 'Năm',
    source: 'Lịch quốc gia',
    source_national: 'Do Văn phòng Điều phối Trung ương đặt',
    source_province: 'Do tỉnh đặt (trước khi có lịch riêng của tỉnh)',
    source_official: 'Lịch nghỉ chính thức',
    province: 'Tỉnh',
    nationalOnly: 'Cả nước (chỉ lịch quốc gia)',
    layer: 'Lớp',
    layer_national: 'Quốc gia',
    layer_province: 'Riêng của tỉnh',
    'source_labour-code': 'Tính theo Bộ luật Lao động (Điều 112)',
    date: 'Ngày',
    weekday: 'Thứ',
    name: 'Tên ngày nghỉ',
    worked: 'Ngày cuối tuần đi làm bù',
    noneWorked: 'Không có ngày làm bù.',
    edit: 'Sửa lịch quốc gia năm {year}',
    editTitle: 'Sửa lịch nghỉ quốc gia năm {year}',
    editHint:
      'Viết ngày theo dạng dd/mm/yyyy. Lưu sẽ thay cả lịch quốc gia của năm; các phiên hội đồng đang mở ở mọi tỉnh tính theo lịch mới ngay.',
    editProvince: 'Sửa ngày riêng của tỉnh năm {year}',
    editProvinceTitle: 'Ngày nghỉ và ngày làm bù riêng của tỉnh năm {year}',
    editProvinceHint:
      'Chỉ những ngày tỉnh thêm vào lịch quốc gia, dạng dd/mm/yyyy. Lưu sẽ thay các ngày riêng của tỉnh trong năm; chỉ các phiên hội đồng của tỉnh tính theo, ngay.',
    addDay: 'Thêm ngày nghỉ',
    addWorked: 'Thêm ngày làm bù',
    remove: 'Xóa',
    removeDay: 'Xóa ngày {n}',
    dayN: 'Ngày nghỉ {n}',
    workedN: 'Ngày làm bù {n}',
    save: 'Lưu lịch',
    cancel: 'Hủy',
    saved: 'Đã lưu lịch nghỉ năm {year}.',
    badDate: 'Hãy viết ngày theo dạng dd/mm/yyyy',
    needName: 'Hãy nhập tên ngày nghỉ',
    count: '{n} ngày nghỉ',
  },
  en: {
    intro: 'The days offices are closed in the year. Deadlines and council lead times count working days, skipping these.',
    year: 'Year',
    source: 'National schedule',
    source_national: 'Set by the central office',
    source_province: 'Set by a province (before provinces had their own days)',
    source_official: 'The official schedule',
    province: 'Province',
    nationalOnly: 'Nationwide (the national schedule only)',
    layer: 'Layer',
    layer_national: 'National',
    layer_province: 'The province’s own',
    'source_labour-code': 'From the Labour Code (Art. 112)',
    date: 'Date',
    weekday: 'Day',
    name: 'Holiday',
    worked: 'Weekend days worked in exchange',
    noneWorked: 'No weekend day is worked.',
    edit: 'Edit the {year} national schedule',
    editTitle: 'Edit the {year} national holiday schedule',
    editHint:
      'Write dates as dd/mm/yyyy. Saving replaces the year’s national schedule; open council sessions of every province count with it at once.',
    editProvince: 'Edit the province’s own days of {year}',
    editProvinceTitle: 'The province’s own days off and worked days of {year}',
    editProvinceHint:
      'Only the days the province adds to the national schedule, as dd/mm/yyyy. Saving replaces the province’s own days of the year; only the province’s council sessions count with them, at once.',
    addDay: 'Add a holiday',
    addWorked: 'Add a worked weekend day',
    remove: 'Remove',
    removeDay: 'Remove day {n}',
    dayN: 'Holiday {n}',
    workedN: 'Worked day {n}',
    save: 'Save the schedule',
    cancel: 'Cancel',
    saved: 'The {year} holiday schedule was saved.',
    badDate: 'Write the date as dd/mm/yyyy',
    needName: 'Give the holiday a name',
    count: '{n} closed days',
  },
};

const WEEKDAYS = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const weekdayOf = (ymd: string): number => new Date(`${ymd}T00:00:00Z`).getUTCDay();

type Layer = 'national' | 'province';
interface HolidayYear {
  year: number;
  source: 'national' | 'official' | 'labour-code' | 'province';
  provinceCode: string | null;
  days: { date: string; name: string; layer: Layer }[];
  workingWeekendDays: { date: string; layer: Layer }[];
}
interface Reference {
  provinces: { code: string; vi: string; en: string; districts: { code: string }[] }[];
}

/** Which layer a form edits: the national schedule, or a province's own days (PUT …/provinces/:code). */
type Target = { layer: 'national' } | { layer: 'province'; provinceCode: string };

export function HolidaysPage() {
  const T = useTexts(TEXTS);
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const thisYear = new Date().getFullYear();
  const [params, setParams] = useSearchParams();
  // The year in the URL (?year=2027), so a link opens it; the years around this one are offered in the list.
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2099 ? asked : thisYear;
  const setQuery = (next: { year?: number; province?: string }) => {
    const query: Record<string, string> = {};
    const y = next.year ?? year;
    const p = next.province ?? params.get('province') ?? '';
    if (y !== thisYear) query.year = String(y);
    if (p) query.province = p;
    setParams(query, { replace: true });
  };
  const [editing, setEditing] = useState<Target>();
  const [saved, setSaved] = useState<string>();
  const reference = useGet<Reference>('/reference-data', undefined, { anonymous: true });
  // A user bound to a province sees its year; the central office and admin pick a province, or the nation alone.
  const ownProvince =
    user?.provinceCode ??
    (user?.districtCode ? reference.data?.provinces.find((p) => p.districts.some((d) => d.code === user.districtCode))?.code : undefined);
  const picksProvince = user?.role === 'central_coordinator' || user?.role === 'admin';
  const askedProvince = params.get('province') ?? '';
  const province = picksProvince ? askedProvince : (ownProvince ?? '');
  const waitsForProvince = user?.role === 'district_coordinator' && !ownProvince;
  const schedule = useGet<HolidayYear>(
    waitsForProvince ? null : `/calendars/holidays/${year}${province ? `?province=${encodeURIComponent(province)}` : ''}`,
  );
  const mayEditNational = user?.role === 'central_coordinator' || user?.role === 'admin';
  const mayEditProvince =
    !!province && (user?.role === 'admin' || (user?.role === 'provincial_coordinator' && user.provinceCode === province));
  const data = schedule.data?.year === year && (schedule.data.provinceCode ?? '') === province ? schedule.data : undefined;
  const startEditing = (target: Target) => {
    setSaved(undefined);
    setEditing(target);
  };

  return (
    <div>
      <h1>{t('holidays')}</h1>
      <p className="muted">{T.intro}</p>
      <div className="toolbar">
        <label>
          {T.year}
          <select
            value={year}
            onChange={(e) => {
              setEditing(undefined);
              setSaved(undefined);
              setQuery({ year: Number(e.target.value) });
            }}
            data-testid="holiday-year"
          >
            {[...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {picksProvince && (
          <label>
            {T.province}
            <select
              value={province}
              onChange={(e) => {
                setEditing(undefined);
                setSaved(undefined);
                setQuery({ province: e.target.value });
              }}
              data-testid="holiday-province"
            >
              <option value="">{T.nationalOnly}</option>
              {(reference.data?.provinces ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {lang === 'vi' ? p.vi : p.en}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ErrorBanner error={schedule.error} />
      {saved && !editing && (
        <p className="success" role="status">
          {saved}
        </p>
      )}
      {!data ? (
        schedule.loading || !schedule.error ? (
          <Loading />
        ) : null
      ) : editing ? (
        <EditSchedule
          schedule={data}
          target={editing}
          onSaved={async (message) => {
            await schedule.reload();
            setSaved(message);
            setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      ) : (
        <Card
          title={`${year} · ${T.count.replace('{n}', String(data.days.length))}`}
          actions={
            <>
              {mayEditNational && !province && (
                <button type="button" onClick={() => startEditing({ layer: 'national' })} data-testid="edit-holidays">
                  {T.edit.replace('{year}', String(year))}
                </button>
              )}
              {mayEditProvince && (
                <button
                  type="button"
                  onClick={() => startEditing({ layer: 'province', provinceCode: province })}
                  data-testid="edit-province-holidays"
                >
                  {T.editProvince.replace('{year}', String(year))}
                </button>
              )}
            </>
          }
        >
          <p data-testid="holiday-source" data-source={data.source}>
            {T.source}: <strong>{T[`source_${data.source}`]}</strong>
          </p>
          {/* Focusable: on a phone the four columns scroll sideways, and a keyboard must reach them too. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={T.count.replace('{n}', String(data.days.length))}>
            <table data-testid="holidays">
              <thead>
                <tr>
                  <th scope="col">{T.date}</th>
                  <th scope="col">{T.weekday}</th>
                  <th scope="col">{T.name}</th>
                  <th scope="col">{T.layer}</th>
                </tr>
              </thead>
              <tbody>
                {data.days.map((d) => (
                  <tr key={d.date} data-date={d.date} data-layer={d.layer}>
                    <td>{formatDay(d.date)}</td>
                    <td>{WEEKDAYS[lang][weekdayOf(d.date)]}</td>
                    <td>{d.name}</td>
                    <td>{T[`layer_${d.layer}`]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{T.worked}</h3>
          {data.workingWeekendDays.length === 0 ? (
            <p className="muted">{T.noneWorked}</p>
          ) : (
            <ul className="plain" data-testid="worked-days">
              {data.workingWeekendDays.map((d) => (
                <li key={d.date} data-layer={d.layer}>
                  {WEEKDAYS[lang][weekdayOf(d.date)]} {formatDay(d.date)} · {T[`layer_${d.layer}`]}
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}

interface DayRow {
  key: number;
  date: string;
  name: string;
}

let nextKey = 0;
const rowOf = (date: string, name = ''): DayRow => ({ key: nextKey++, date: date ? formatDay(date) : '', name });

/**
 * One layer of the year as rows to correct (the national days, or only the province's own); saved as a whole (PUT),
 * sorted by date so the API's row numbers match.
 */
function EditSchedule({
  schedule,
  target,
  onSaved,
  onClose,
}: {
  schedule: HolidayYear;
  target: Target;
  onSaved: (message: string) => Promise<void>;
  onClose: () => void;
}) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [days, setDays] = useState<DayRow[]>(() => schedule.days.filter((d) => d.layer === target.layer).map((d) => rowOf(d.date, d.name)));
  const [worked, setWorked] = useState<DayRow[]>(() =>
    schedule.workingWeekendDays.filter((d) => d.layer === target.layer).map((d) => rowOf(d.date)),
  );
  const path =
    target.layer === 'national'
      ? `/calendars/holidays/${schedule.year}`
      : `/calendars/holidays/${schedule.year}/provinces/${encodeURIComponent(target.provinceCode)}`;
  const [problems, setProblems] = useState<Record<string, string>>({});
  const year = String(schedule.year);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const parsedDays = days.map((row) => ({ row, date: parseDateInput(row.date) }));
    parsedDays.forEach(({ row, date }) => {
      if (!date) found[`day-${row.key}`] = T.badDate;
      if (!row.name.trim()) found[`name-${row.key}`] = T.needName;
    });
    const parsedWorked = worked.map((row) => ({ row, date: parseDateInput(row.date) }));
    parsedWorked.forEach(({ row, date }) => {
      if (!date) found[`worked-${row.key}`] = T.badDate;
    });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    // The API sorts the days before it checks them: send them sorted, and show them so, for its row numbers to match.
    const sortedDays = [...parsedDays].sort((a, b) => a.date!.localeCompare(b.date!));
    const sortedWorked = [...parsedWorked].sort((a, b) => a.date!.localeCompare(b.date!));
    setDays(sortedDays.map(({ row }) => row));
    setWorked(sortedWorked.map(({ row }) => row));
    const done = await action.run(() =>
      put(path, {
        days: sortedDays.map(({ row, date }) => ({ date, name: row.name.trim() })),
        workingWeekendDays: [...new Set(sortedWorked.map(({ date }) => date!))],
      }),
    );
    if (done) await onSaved(T.saved.replace('{year}', year));
  };

  return (
    <Card title={(target.layer === 'national' ? T.editTitle : T.editProvinceTitle).replace('{year}', year)}>
      <form className="form" onSubmit={submit} data-testid="holiday-form" noValidate>
        <p className="muted ws-hint">{target.layer === 'national' ? T.editHint : T.editProvinceHint}</p>
        <ol className="plain holiday-rows">
          {days.map((row, i) => (
            <li key={row.key} className="holiday-row" data-testid="holiday-row">
              <Field
                label={`${T.dayN.replace('{n}', String(i + 1))} — ${T.date}`}
                problem={problems[`day-${row.key}`]}
                name={`days[${i}].date`}
                error={action.error}
              >
                <input
                  value={row.date}
                  inputMode="numeric"
                  placeholder="dd/mm/yyyy"
                  onChange={(e) => setDays((rows) => rows.map((r) => (r.key === row.key ? { ...r, date: e.target.value } : r)))}
                  data-testid="holiday-date"
                />
              </Field>
              <Field label={T.name} problem={problems[`name-${row.key}`]} name={`days[${i}].name`} error={action.error}>
                <input
                  value={row.name}
                  onChange={(e) => setDays((rows) => rows.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)))}
                  data-testid="holiday-name"
                />
              </Field>
              <button
                type="button"
                className="secondary"
                aria-label={T.removeDay.replace('{n}', String(i + 1))}
                onClick={() => setDays((rows) => rows.filter((r) => r.key !== row.key))}
              >
                {T.remove}
              </button>
            </li>
          ))}
        </ol>
        <p>
          <button type="button" className="secondary" onClick={() => setDays((rows) => [...rows, rowOf('')])} data-testid="add-holiday">
            {T.addDay}
          </button>
        </p>
        <h3>{T.worked}</h3>
        <ol className="plain holiday-rows">
          {worked.map((row, i) => (
            <li key={row.key} className="holiday-row" data-testid="worked-row">
              <Field
                label={T.workedN.replace('{n}', String(i + 1))}
                problem={problems[`worked-${row.key}`]}
                name={`workingWeekendDays[${i}]`}
                error={action.error}
              >
                <input
                  value={row.date}
                  inputMode="numeric"
                  placeholder="dd/mm/yyyy"
                  onChange={(e) => setWorked((rows) => rows.map((r) => (r.key === row.key ? { ...r, date: e.target.value } : r)))}
                  data-testid="worked-date"
                />
              </Field>
              <button type="button" className="secondary" onClick={() => setWorked((rows) => rows.filter((r) => r.key !== row.key))}>
                {T.remove}
              </button>
            </li>
          ))}
        </ol>
        <p>
          <button type="button" className="secondary" onClick={() => setWorked((rows) => [...rows, rowOf('')])} data-testid="add-worked">
            {T.addWorked}
          </button>
        </p>
        <ErrorBanner error={action.error} />
        <div className="ws-buttons">
          <button type="submit" disabled={action.busy} data-testid="save-holidays">
            {T.save}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {T.cancel}
          </button>
        </div>
      </form>
    </Card>
  );
}
