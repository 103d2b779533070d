// The public holiday calendar (GET/PUT /calendars/holidays/:year): a year's closed days, with where the schedule
// comes from (the province's own, the official one shipped with the system, or the Labour Code's), dates written
// dd/mm/yyyy. A provincial coordinator or the admin corrects the schedule (the Government's announced breaks, days
// swapped for a worked weekend); the API's validator names any day it refuses, shown under that day.
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
    source: 'Nguồn',
    source_province: 'Lịch do tỉnh đặt',
    source_official: 'Lịch nghỉ chính thức',
    'source_labour-code': 'Tính theo Bộ luật Lao động (Điều 112)',
    date: 'Ngày',
    weekday: 'Thứ',
    name: 'Tên ngày nghỉ',
    worked: 'Ngày cuối tuần đi làm bù',
    noneWorked: 'Không có ngày làm bù.',
    edit: 'Sửa lịch năm {year}',
    editTitle: 'Sửa lịch nghỉ năm {year}',
    editHint: 'Viết ngày theo dạng dd/mm/yyyy. Lưu sẽ thay cả lịch của năm; các phiên hội đồng đang mở tính theo lịch mới ngay.',
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
    source: 'Source',
    source_province: 'Set by the province',
    source_official: 'The official schedule',
    'source_labour-code': 'From the Labour Code (Art. 112)',
    date: 'Date',
    weekday: 'Day',
    name: 'Holiday',
    worked: 'Weekend days worked in exchange',
    noneWorked: 'No weekend day is worked.',
    edit: 'Edit the {year} schedule',
    editTitle: 'Edit the {year} holiday schedule',
    editHint: 'Write dates as dd/mm/yyyy. Saving replaces the whole year; open council sessions count with it at once.',
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

interface HolidayYear {
  year: number;
  source: 'province' | 'official' | 'labour-code';
  days: { date: string; name: string }[];
  workingWeekendDays: string[];
}

export function HolidaysPage() {
  const T = useTexts(TEXTS);
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const thisYear = new Date().getFullYear();
  const [params, setParams] = useSearchParams();
  // The year in the URL (?year=2027), so a link opens it; the years around this one are offered in the list.
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2099 ? asked : thisYear;
  const setYear = (next: number) => setParams(next === thisYear ? {} : { year: String(next) }, { replace: true });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const schedule = useGet<HolidayYear>(`/calendars/holidays/${year}`);
  const mayEdit = user?.role === 'provincial_coordinator' || user?.role === 'admin';
  const data = schedule.data?.year === year ? schedule.data : undefined;

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
              setEditing(false);
              setSaved(undefined);
              setYear(Number(e.target.value));
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
          onSaved={async (message) => {
            await schedule.reload();
            setSaved(message);
            setEditing(false);
          }}
          onClose={() => setEditing(false)}
        />
      ) : (
        <Card
          title={`${year} · ${T.count.replace('{n}', String(data.days.length))}`}
          actions={
            mayEdit && (
              <button
                type="button"
                onClick={() => {
                  setSaved(undefined);
                  setEditing(true);
                }}
                data-testid="edit-holidays"
              >
                {T.edit.replace('{year}', String(year))}
              </button>
            )
          }
        >
          <p data-testid="holiday-source" data-source={data.source}>
            {T.source}: <strong>{T[`source_${data.source}`]}</strong>
          </p>
          <div className="table-scroll">
            <table data-testid="holidays">
              <thead>
                <tr>
                  <th scope="col">{T.date}</th>
                  <th scope="col">{T.weekday}</th>
                  <th scope="col">{T.name}</th>
                </tr>
              </thead>
              <tbody>
                {data.days.map((d) => (
                  <tr key={d.date} data-date={d.date}>
                    <td>{formatDay(d.date)}</td>
                    <td>{WEEKDAYS[lang][weekdayOf(d.date)]}</td>
                    <td>{d.name}</td>
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
                <li key={d}>
                  {WEEKDAYS[lang][weekdayOf(d)]} {formatDay(d)}
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

/** The year's schedule as rows to correct; saved as a whole (PUT), sorted by date so the API's row numbers match. */
function EditSchedule({
  schedule,
  onSaved,
  onClose,
}: {
  schedule: HolidayYear;
  onSaved: (message: string) => Promise<void>;
  onClose: () => void;
}) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [days, setDays] = useState<DayRow[]>(() => schedule.days.map((d) => rowOf(d.date, d.name)));
  const [worked, setWorked] = useState<DayRow[]>(() => schedule.workingWeekendDays.map((d) => rowOf(d)));
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
      put(`/calendars/holidays/${year}`, {
        days: sortedDays.map(({ row, date }) => ({ date, name: row.name.trim() })),
        workingWeekendDays: [...new Set(sortedWorked.map(({ date }) => date!))],
      }),
    );
    if (done) await onSaved(T.saved.replace('{year}', year));
  };

  return (
    <Card title={T.editTitle.replace('{year}', year)}>
      <form className="form" onSubmit={submit} data-testid="holiday-form" noValidate>
        <p className="muted ws-hint">{T.editHint}</p>
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
