// Producers (chủ thể OCOP) of the coordinator's area: search and page through them, register a new one
// (POST /organisations), change one's contact details (PATCH /organisations/:id, recorded as an event with who
// changed them). A producer sees its own organisation here and keeps its contact details up to date.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import laoCai from '../../../../libs/domain/data/lao-cai-2021.json';
import { patch, post, query } from '../api';
import { useAuth } from '../auth';
import { ActionOutcome, Card, ErrorBanner, Field, Loading } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { DISTRICTS, districtName } from '../reference';
import { useAction } from './workspace/useAction';
import './workspace/workspace.css';

const TEXTS = {
  vi: {
    intro: 'Các chủ thể OCOP trong địa bàn của bạn. Sản phẩm của một chủ thể: bấm vào tên.',
    search: 'Tìm theo tên hoặc mã số thuế',
    registerTitle: 'Đăng ký chủ thể mới',
    name: 'Tên chủ thể',
    type: 'Loại hình',
    founded: 'Năm thành lập',
    taxCode: 'Mã số thuế',
    email: 'Email liên hệ',
    register: 'Đăng ký',
    registered: 'Đã đăng ký {name}.',
    none: 'Không có chủ thể phù hợp.',
    more: 'Xem thêm',
    shown: 'Đang hiện {shown}/{total}',
    introProducer: 'Thông tin chủ thể của bạn. Hãy giữ thông tin liên hệ luôn đúng để nhận thông báo.',
    edit: 'Sửa thông tin liên hệ',
    editOf: 'Sửa thông tin liên hệ — {name}',
    phone: 'Số điện thoại',
    address: 'Địa chỉ',
    representative: 'Người đại diện theo pháp luật',
    clearHint: 'Để trống một ô để xóa thông tin đó.',
    save: 'Lưu thay đổi',
    saved: 'Đã lưu thông tin liên hệ của {name}.',
    close: 'Đóng',
    updatedBy: 'Sửa lần cuối lúc {at}',
    lateEntry: 'Mở đăng ký muộn',
    lateEntryHint: 'Cho chủ thể này gửi ý tưởng sản phẩm sau khi đã hết hạn đăng ký ý tưởng của chu kỳ.',
    cycleYear: 'Năm chu kỳ',
    lateUntil: 'Nhận ý tưởng đến hết ngày (bỏ trống: 7 ngày)',
    openLate: 'Mở đăng ký muộn',
    lateOpened: 'Đã mở đăng ký muộn cho {name} đến hết ngày {until}.',
    cancel: 'Đóng',
    place: 'Đặt vào xã, phường',
    placeOf: 'Đặt {name} vào xã, phường (bản đồ 2025)',
    commune: 'Xã, phường — gõ tên để chọn',
    pickCommune: 'Hãy chọn một xã, phường trong danh sách (hoặc gõ mã 5 chữ số)',
    placed: 'Đã đặt {name} vào {commune}.',
    noCommune: 'Chưa đặt vào xã, phường nào',
  },
  en: {
    intro: 'The OCOP producers of your area. A producer’s products: follow its name.',
    search: 'Search by name or tax code',
    registerTitle: 'Register a producer',
    name: 'Name',
    type: 'Type',
    founded: 'Founded in',
    taxCode: 'Tax code',
    email: 'Contact email',
    register: 'Register',
    registered: '{name} was registered.',
    none: 'No producer matches.',
    more: 'Show more',
    shown: 'Showing {shown} of {total}',
    introProducer: 'Your organisation. Keep its contact details right so that messages reach you.',
    edit: 'Edit contact details',
    editOf: 'Edit contact details — {name}',
    phone: 'Phone',
    address: 'Address',
    representative: 'Legal representative',
    clearHint: 'Empty a box to clear that detail.',
    save: 'Save changes',
    saved: 'The contact details of {name} were saved.',
    close: 'Close',
    updatedBy: 'Last changed at {at}',
    lateEntry: 'Open a late entry',
    lateEntryHint: 'Let this producer send product ideas after the cycle’s idea window has closed.',
    cycleYear: 'Cycle year',
    lateUntil: 'Ideas taken through (empty: 7 days)',
    openLate: 'Open late entry',
    lateOpened: 'Late entry opened for {name} through {until}.',
    cancel: 'Close',
    place: 'Place in a commune',
    placeOf: 'Place {name} in a commune (2025 map)',
    commune: 'Commune — type its name to pick it',
    pickCommune: 'Pick a commune from the list (or type its 5-digit code)',
    placed: '{name} was placed in {commune}.',
    noCommune: 'Not placed in a commune yet',
  },
};

interface Organisation {
  id: string;
  name: string;
  producerType: string;
  provinceCode: string;
  districtCode: string;
  communeCode: string | null;
  communeName: string | null;
  foundedYear: number | null;
  taxCode: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  representative: string | null;
  contactUpdatedAt: string | null;
}

export function OrganisationsPage() {
  const T = useTexts(TEXTS);
  const { t, lang, dateTime } = useI18n();
  const { user } = useAuth();
  const producer = user?.role === 'producer';
  // The central office reads every province's producers; their records are kept by the province.
  const readsOnly = user?.role === 'central_coordinator';
  const [editing, setEditing] = useState<string>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [limit, setLimit] = useState(50);
  const list = useGet<{ items: Organisation[]; total: number }>(`/organisations${query({ q, limit })}`);
  const items = list.data?.items ?? [];
  return (
    <div>
      <h1>{t('organisations')}</h1>
      <p className="muted">{producer ? T.introProducer : T.intro}</p>
      {!producer && !readsOnly && <RegisterOrganisation onDone={list.reload} />}
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
        }}
      >
        <label className="grow">
          {T.search}
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit">{T.search.split(' ')[0]}</button>
      </form>
      <ErrorBanner error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{T.none}</p>
      ) : (
        <ul className="plain" data-testid="organisations">
          {items.map((o) => (
            <li key={o.id} data-testid="organisation">
              <div className="ws-head">
                {producer ? <strong>{o.name}</strong> : <Link to={`/register?${new URLSearchParams({ q: o.name })}`}>{o.name}</Link>}
                {!readsOnly && (
                  <button
                    type="button"
                    className="link"
                    aria-expanded={editing === o.id}
                    onClick={() => setEditing(editing === o.id ? undefined : o.id)}
                    data-testid="edit-contact"
                  >
                    {T.edit}
                  </button>
                )}
              </div>
              <div className="muted">
                {districtName(o.districtCode, lang)} ·{' '}
                {laoCai.producerTypes.find((p) => p.code === o.producerType)?.[lang] ?? o.producerType}
                {o.taxCode ? ` · ${T.taxCode} ${o.taxCode}` : ''}
              </div>
              <div className="muted" data-testid="contact">
                {[o.representative, o.contactPhone, o.contactEmail, o.address].filter(Boolean).join(' · ')}
                {o.contactUpdatedAt ? ` (${T.updatedBy.replace('{at}', dateTime(o.contactUpdatedAt))})` : ''}
              </div>
              <div className="muted" data-testid="organisation-commune" data-commune={o.communeCode ?? ''}>
                {o.communeName ?? o.communeCode ?? T.noCommune}
              </div>
              {editing === o.id && <EditContact organisation={o} onDone={list.reload} onClose={() => setEditing(undefined)} />}
              {!producer && !readsOnly && <PlaceInCommune organisation={o} onDone={list.reload} />}
              {!producer && !readsOnly && <LateEntry organisation={o} />}
            </li>
          ))}
        </ul>
      )}
      {list.data && (
        <div className="pager">
          <span>{T.shown.replace('{shown}', String(items.length)).replace('{total}', String(list.data.total))}</span>
          {list.data.total > items.length && (
            <button type="button" className="secondary" onClick={() => setLimit((l) => Math.min(500, l + 50))}>
              {T.more}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

const CONTACT = ['contactEmail', 'contactPhone', 'address', 'representative'] as const;

/** Changes the contact details that differ (an emptied box clears its detail); the API names any field it refuses. */
function EditContact({ organisation, onDone, onClose }: { organisation: Organisation; onDone: () => Promise<void>; onClose: () => void }) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [form, setForm] = useState(
    () => Object.fromEntries(CONTACT.map((k) => [k, organisation[k] ?? ''])) as Record<(typeof CONTACT)[number], string>,
  );
  const set = (k: (typeof CONTACT)[number]) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(
      CONTACT.filter((k) => form[k].trim() !== (organisation[k] ?? '')).map((k) => [k, form[k].trim() === '' ? null : form[k].trim()]),
    );
    if (Object.keys(body).length === 0) return onClose();
    const done = await action.run(
      () => patch(`/organisations/${organisation.id}`, body),
      () => T.saved.replace('{name}', organisation.name),
    );
    if (done) await onDone();
  };
  const labels = { contactEmail: T.email, contactPhone: T.phone, address: T.address, representative: T.representative };
  return (
    <form className="form card" onSubmit={submit} data-testid="contact-form" aria-label={T.editOf.replace('{name}', organisation.name)}>
      <h2>{T.editOf.replace('{name}', organisation.name)}</h2>
      <p className="muted ws-hint">{T.clearHint}</p>
      {CONTACT.map((k, i) => (
        <Field key={k} label={labels[k]} name={k} error={action.error}>
          <input
            value={form[k]}
            onChange={set(k)}
            type={k === 'contactEmail' ? 'email' : k === 'contactPhone' ? 'tel' : 'text'}
            autoComplete={k === 'contactEmail' ? 'email' : k === 'contactPhone' ? 'tel' : k === 'address' ? 'street-address' : 'name'}
            autoFocus={i === 0}
            data-field={k}
          />
        </Field>
      ))}
      <ActionOutcome error={action.error} done={action.done} />
      <div className="ws-buttons">
        <button type="submit" disabled={action.busy}>
          {T.save}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {T.close}
        </button>
      </div>
    </form>
  );
}

function RegisterOrganisation({ onDone }: { onDone: () => Promise<void> }) {
  const T = useTexts(TEXTS);
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const action = useAction();
  const fixed = user?.role === 'district_coordinator' ? user.districtCode : undefined;
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    name: '',
    producerType: 'htx',
    districtCode: fixed ?? DISTRICTS[0]!.code,
    foundedYear: '',
    taxCode: '',
    contactEmail: '',
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: form.name.trim(),
      producerType: form.producerType,
      districtCode: form.districtCode,
      ...(form.foundedYear ? { foundedYear: Number(form.foundedYear) } : {}),
      ...(form.taxCode.trim() ? { taxCode: form.taxCode.trim() } : {}),
      ...(form.contactEmail.trim() ? { contactEmail: form.contactEmail.trim() } : {}),
    };
    const done = await action.run(
      () => post('/organisations', body),
      () => T.registered.replace('{name}', body.name),
    );
    if (done) await onDone();
  };
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)} data-testid="register-organisation">
          {T.registerTitle}
        </button>
      </p>
    );
  return (
    <Card title={T.registerTitle}>
      <form className="form" onSubmit={submit}>
        <Field label={T.name} name="name" error={action.error}>
          <input value={form.name} onChange={set('name')} required autoFocus />
        </Field>
        <label>
          {T.type}
          <select value={form.producerType} onChange={set('producerType')}>
            {laoCai.producerTypes.map((p) => (
              <option key={p.code} value={p.code}>
                {p[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('district')}
          <select value={form.districtCode} onChange={set('districtCode')} disabled={Boolean(fixed)}>
            {DISTRICTS.filter((d) => !fixed || d.code === fixed).map((d) => (
              <option key={d.code} value={d.code}>
                {d.vi}
              </option>
            ))}
          </select>
        </label>
        <Field label={T.founded} name="foundedYear" error={action.error}>
          <input type="text" inputMode="numeric" value={form.foundedYear} onChange={set('foundedYear')} />
        </Field>
        <Field label={T.taxCode} name="taxCode" error={action.error}>
          <input value={form.taxCode} onChange={set('taxCode')} />
        </Field>
        <Field label={T.email} name="contactEmail" error={action.error}>
          <input type="email" value={form.contactEmail} onChange={set('contactEmail')} />
        </Field>
        <ActionOutcome error={action.error} done={action.done} />
        <button type="submit" disabled={action.busy}>
          {T.register}
        </button>
      </form>
    </Card>
  );
}

interface Commune {
  code: string;
  vi: string;
}

/**
 * A coordinator places an organisation in a commune of its province on the 2025 map (PATCH communeCode), picked by
 * name among the province's communes; a typed code of another province's commune is the API's to refuse, under the field.
 */
function PlaceInCommune({ organisation, onDone }: { organisation: Organisation; onDone: () => Promise<void> }) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const communes = useGet<Commune[]>(open ? `/reference-data/provinces/${encodeURIComponent(organisation.provinceCode)}/communes` : null);
  if (!open)
    return (
      <button type="button" className="link" onClick={() => setOpen(true)} data-testid="place-commune">
        {T.place}
      </button>
    );
  const listId = `communes-${organisation.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = typed.trim();
    const key = text.toLocaleLowerCase('vi-VN');
    const named = (communes.data ?? []).find((c) => c.vi.toLocaleLowerCase('vi-VN') === key || `${c.vi} (${c.code})` === text);
    const code = named?.code ?? (/^\d{5}$/.test(text) ? text : undefined);
    setProblem(code ? undefined : T.pickCommune);
    if (!code) return;
    const done = await action.run(
      () => patch<Organisation>(`/organisations/${organisation.id}`, { communeCode: code }),
      (placed) => T.placed.replace('{name}', organisation.name).replace('{commune}', placed.communeName ?? code),
    );
    if (done) await onDone();
  };
  return (
    <form className="form" onSubmit={submit} aria-label={T.placeOf.replace('{name}', organisation.name)} data-testid="place-commune-form">
      <Field label={T.commune} name="communeCode" error={action.error} problem={problem}>
        <input
          list={listId}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          autoFocus
          data-field="communeCode"
        />
      </Field>
      <datalist id={listId}>
        {(communes.data ?? []).map((c) => (
          <option key={c.code} value={`${c.vi} (${c.code})`} />
        ))}
      </datalist>
      <ErrorBanner error={communes.error} />
      <ActionOutcome error={action.error} done={action.done} testId="place-commune-done" />
      <SubmitOrCancel label={T.place} busy={action.busy} onCancel={() => setOpen(false)} />
    </form>
  );
}

/** A coordinator lets one producer send ideas after the idea window closed (POST /organisations/:id/late-entries). */
function LateEntry({ organisation }: { organisation: Organisation }) {
  const T = useTexts(TEXTS);
  const { date } = useI18n();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [cycleYear, setCycleYear] = useState(String(new Date().getFullYear()));
  const [until, setUntil] = useState('');
  if (!open)
    return (
      <button type="button" className="link" onClick={() => setOpen(true)} data-testid="late-entry">
        {T.lateEntry}
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(
      () =>
        post<{ until: string }>(`/organisations/${organisation.id}/late-entries`, {
          cycleYear: Number(cycleYear),
          ...(until ? { until } : {}),
        }),
      (answer) =>
        T.lateOpened.replace('{name}', organisation.name).replace('{until}', date(new Date(Date.parse(answer.until) - 1).toISOString())),
    );
  };
  return (
    <form className="form" onSubmit={submit} aria-label={T.lateEntry} data-testid="late-entry-form">
      <p className="muted">{T.lateEntryHint}</p>
      <label>
        {T.cycleYear}
        <input type="text" inputMode="numeric" value={cycleYear} onChange={(e) => setCycleYear(e.target.value)} required />
      </label>
      <label>
        {T.lateUntil}
        <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <ActionOutcome error={action.error} done={action.done} testId="late-entry-done" />
      <SubmitOrCancel label={T.openLate} busy={action.busy} onCancel={() => setOpen(false)} />
    </form>
  );
}

/** A folding form's last row: its action, and cancel to fold it again. */
function SubmitOrCancel({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  const T = useTexts(TEXTS);
  return (
    <span style={{ display: 'flex', gap: '0.5rem' }}>
      <button type="submit" disabled={busy}>
        {label}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {T.cancel}
      </button>
    </span>
  );
}
