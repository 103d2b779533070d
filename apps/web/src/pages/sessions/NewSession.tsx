// A coordinator sets up a council session: level and area, the date, the members and the chair (POST /sessions).
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { post } from '../../api';
import { useAuth } from '../../auth';
import { Card, ErrorBanner } from '../../components/common';
import { useGet } from '../../hooks';
import { useTexts } from '../../i18n';
import { DISTRICTS, PROVINCE } from '../../reference';
import { useAction } from '../workspace/useAction';

const TEXTS = {
  vi: {
    title: 'Lập phiên hội đồng mới',
    open: 'Lập phiên mới',
    level: 'Cấp',
    district: 'Cấp huyện',
    province: 'Cấp tỉnh',
    central: 'Trung ương (toàn quốc)',
    area: 'Địa bàn',
    cycleYear: 'Năm chu trình',
    date: 'Ngày giờ họp (giờ Việt Nam)',
    members: 'Thành viên hội đồng',
    chair: 'Chủ tịch hội đồng',
    chooseChair: '— chọn trong các thành viên —',
    create: 'Lập phiên',
    leadTime: 'Hồ sơ phải tới thành viên ít nhất 2 ngày làm việc trước phiên: sản phẩm chỉ được đưa vào trước thời điểm đó.',
  },
  en: {
    title: 'Set up a council session',
    open: 'New session',
    level: 'Level',
    district: 'District',
    province: 'Province',
    central: 'Central (nationwide)',
    area: 'Area',
    cycleYear: 'Cycle year',
    date: 'Date and time (Vietnam time)',
    members: 'Council members',
    chair: 'Chair',
    chooseChair: '— one of the members —',
    create: 'Create the session',
    leadTime: 'Dossiers must reach members at least 2 working days before the session: products can be entered until then.',
  },
};

interface Member {
  userId: string;
  username: string;
  displayName: string;
}
interface Cycle {
  provinceCode: string;
  year: number;
  status: string;
}

/** A datetime-local value (Vietnam's wall clock) as an instant. */
const vietnamInstant = (local: string) => new Date(`${local}:00+07:00`).toISOString();

export function NewSession() {
  const T = useTexts(TEXTS);
  const { user } = useAuth();
  const navigate = useNavigate();
  const action = useAction();
  const members = useGet<Member[]>('/council-members');
  const cycles = useGet<Cycle[]>('/cycles');
  const fixedDistrict = user?.role === 'district_coordinator' ? user.districtCode : undefined;
  // The central office sets up the national central session only (area vn: every province's nominees).
  const central = user?.role === 'central_coordinator';
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState<'district' | 'province' | 'central'>(central ? 'central' : fixedDistrict ? 'district' : 'province');
  const [area, setArea] = useState(fixedDistrict ?? DISTRICTS[0]!.code);
  const [year, setYear] = useState<string>('');
  const [date, setDate] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [chair, setChair] = useState('');
  // One entry per year (the central office lists every province's cycles).
  const openCycles = [...new Set((cycles.data ?? []).filter((c) => c.status === 'open').map((c) => c.year))]
    .sort((a, b) => b - a)
    .map((year) => ({ year }));
  const cycleYear = year || String(openCycles[0]?.year ?? new Date().getFullYear());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      level,
      areaCode: level === 'central' ? 'vn' : level === 'province' ? PROVINCE.code : area,
      cycleYear: Number(cycleYear),
      sessionDate: date ? vietnamInstant(date) : '',
      memberIds: chosen,
      chairId: chair,
    };
    const created = await action.run(() => post<{ id: string }>('/sessions', body));
    if (created) void navigate(`/sessions/${encodeURIComponent(created.id)}`);
  };

  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)} data-testid="new-session">
          {T.open}
        </button>
      </p>
    );
  }
  return (
    <Card title={T.title}>
      <form className="form" onSubmit={submit} data-testid="new-session-form">
        <label>
          {T.level}
          <select name="level" value={level} onChange={(e) => setLevel(e.target.value as typeof level)} autoFocus>
            {central ? (
              <option value="central">{T.central}</option>
            ) : (
              <>
                <option value="district">{T.district}</option>
                {!fixedDistrict && <option value="province">{T.province}</option>}
              </>
            )}
          </select>
        </label>
        {level === 'district' && (
          <label>
            {T.area}
            <select name="areaCode" value={area} onChange={(e) => setArea(e.target.value)} disabled={Boolean(fixedDistrict)}>
              {DISTRICTS.filter((d) => !fixedDistrict || d.code === fixedDistrict).map((d) => (
                <option key={d.code} value={d.code}>
                  {d.vi}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {T.cycleYear}
          <select name="cycleYear" value={cycleYear} onChange={(e) => setYear(e.target.value)}>
            {(openCycles.length ? openCycles : [{ year: Number(cycleYear) }]).map((c) => (
              <option key={c.year} value={c.year}>
                {c.year}
              </option>
            ))}
          </select>
        </label>
        <label>
          {T.date}
          <input type="datetime-local" name="sessionDate" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <p className="muted ws-hint">{T.leadTime}</p>
        <fieldset className="ws-fieldset">
          <legend>{T.members}</legend>
          <ErrorBanner error={members.error} />
          {(members.data ?? []).map((m) => (
            <label key={m.userId} className="sc-check">
              <input
                type="checkbox"
                name="memberIds"
                value={m.userId}
                checked={chosen.includes(m.userId)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.userId] : c.filter((x) => x !== m.userId)))}
              />
              <span>
                {m.displayName} <span className="muted">({m.username})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          {T.chair}
          <select name="chairId" value={chair} onChange={(e) => setChair(e.target.value)}>
            <option value="">{T.chooseChair}</option>
            {(members.data ?? [])
              .filter((m) => chosen.includes(m.userId))
              .map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.displayName}
                </option>
              ))}
          </select>
        </label>
        <ErrorBanner error={action.error} />
        <button type="submit" disabled={action.busy}>
          {T.create}
        </button>
      </form>
    </Card>
  );
}
