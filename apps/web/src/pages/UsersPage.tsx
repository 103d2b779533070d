// The admin's users and API keys: create a user with its role and binding, re-bind a user to another organisation,
// district, province or agency (PUT /users/:id/binding; its role stays), disable a person who left (or enable them
// again: POST /users/:id/disable, /enable), issue an agency user a key (shown once), revoke a key.
import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth';
import { post, put } from '../api';
import { ActionOutcome, Card, ErrorBanner, Field, Loading } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { DISTRICTS, districtName, PROVINCE } from '../reference';
import type { Role, User } from '../types';
import { useAction } from './workspace/useAction';
import './workspace/workspace.css';

const ROLES: Role[] = [
  'producer',
  'district_coordinator',
  'commune_officer',
  'provincial_coordinator',
  'central_coordinator',
  'council_member',
  'lab',
  'inspector',
  'admin',
];

const TEXTS = {
  vi: {
    users: 'Người dùng',
    keys: 'Khóa API',
    create: 'Tạo người dùng',
    communeCode: 'Mã xã, phường (GSO, bản đồ 2025)',
    created: 'Đã tạo {name}.',
    displayName: 'Họ tên / tên đơn vị',
    role: 'Vai trò',
    organisationId: 'Chủ thể (người sản xuất)',
    chooseOrganisation: '— chọn chủ thể —',
    rebind: 'Gắn lại',
    rebindOf: 'Gắn lại {name}',
    rebound: 'Đã gắn lại {name}.',
    save: 'Lưu',
    close: 'Đóng',
    actions: 'Thao tác',
    province: 'Tỉnh',
    agencyId: 'Mã cơ quan (phòng kiểm nghiệm, kiểm tra), ví dụ lab:lao-cai',
    binding: 'Gắn với',
    issue: 'Cấp khóa API',
    keyName: 'Tên khóa',
    user: 'Người dùng',
    issued: 'Khóa mới (chỉ hiện một lần — hãy lưu lại):',
    revoke: 'Thu hồi',
    revoked: 'Đã thu hồi',
    none: 'Chưa có.',
    status: 'Trạng thái',
    active: 'Đang hoạt động',
    disabledStatus: 'Đã khóa',
    disable: 'Khóa',
    enable: 'Mở khóa',
    disableOf: 'Khóa {name}',
    enableOf: 'Mở khóa {name}',
    wasDisabled: 'Đã khóa {name}: không đăng nhập được nữa, phiên và khóa API của người này ngừng ngay.',
    wasEnabled: 'Đã mở khóa {name}.',
  },
  en: {
    users: 'Users',
    keys: 'API keys',
    create: 'Create a user',
    communeCode: 'Commune code (GSO, 2025 map)',
    created: '{name} was created.',
    displayName: 'Full name / unit name',
    role: 'Role',
    organisationId: 'Organisation (producers)',
    chooseOrganisation: '— choose an organisation —',
    rebind: 'Re-bind',
    rebindOf: 'Re-bind {name}',
    rebound: '{name} was re-bound.',
    save: 'Save',
    close: 'Close',
    actions: 'Actions',
    province: 'Province',
    agencyId: 'Agency id (labs, inspectors), e.g. lab:lao-cai',
    binding: 'Bound to',
    issue: 'Issue an API key',
    keyName: 'Key name',
    user: 'User',
    issued: 'New key (shown once — keep it):',
    revoke: 'Revoke',
    revoked: 'Revoked',
    none: 'None yet.',
    status: 'Status',
    active: 'Active',
    disabledStatus: 'Disabled',
    disable: 'Disable',
    enable: 'Enable',
    disableOf: 'Disable {name}',
    enableOf: 'Enable {name}',
    wasDisabled: '{name} was disabled: no more logins, and their sessions and API keys stop at once.',
    wasEnabled: '{name} was enabled again.',
  },
};

interface Organisation {
  id: string;
  name: string;
  districtCode: string;
}
type Organisations = Organisation[];

const BOUND: Role[] = ['producer', 'district_coordinator', 'commune_officer', 'provincial_coordinator', 'lab', 'inspector'];

/** What a user is bound to, named: its organisation, district, province or agency. */
function bindingText(u: User, organisations: Organisations): string {
  if (u.organisationId) return organisations.find((o) => o.id === u.organisationId)?.name ?? u.organisationId;
  if (u.districtCode) return districtName(u.districtCode);
  if (u.communeCode) return `${u.communeCode} (${u.provinceCode ?? ''})`;
  if (u.agencyId) return u.agencyId;
  if (u.provinceCode) return u.provinceCode === PROVINCE.code ? PROVINCE.vi : u.provinceCode;
  return '—';
}

interface ApiKey {
  keyId: string;
  prefix: string;
  userId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export function UsersPage() {
  const T = useTexts(TEXTS);
  const { t, tx, dateTime } = useI18n();
  const users = useGet<(User & { disabled: boolean })[]>('/users');
  const keys = useGet<ApiKey[]>('/api-keys');
  const orgs = useGet<{ items: Organisation[] }>('/organisations?limit=500');
  const organisations = orgs.data?.items ?? [];
  const [rebinding, setRebinding] = useState<string>();
  const action = useAction();
  const switching = useAction();
  const { user: me } = useAuth();
  const nameOf = (id: string) => users.data?.find((u) => u.userId === id)?.username ?? id;

  const revoke = async (key: ApiKey) => {
    const done = await action.run(
      () => post(`/api-keys/${key.keyId}/revoke`, {}),
      () => `${T.revoked}: ${key.name}`,
    );
    if (done) await keys.reload();
  };

  const setDisabled = async (u: User, disable: boolean) => {
    const done = await switching.run(
      () => post(`/users/${u.userId}/${disable ? 'disable' : 'enable'}`, {}),
      () => (disable ? T.wasDisabled : T.wasEnabled).replace('{name}', u.username),
    );
    if (done) await users.reload();
  };

  return (
    <div>
      <h1>{t('users')}</h1>
      <CreateUser organisations={organisations} onDone={users.reload} />
      <Card title={`${T.users} (${users.data?.length ?? '…'})`}>
        <ErrorBanner error={users.error ?? switching.error} />
        {switching.done && (
          <p className="success" role="status" data-testid="user-switched">
            {switching.done}
          </p>
        )}
        {users.loading && !users.data ? (
          <Loading />
        ) : (
          // Focusable: on a phone the columns scroll sideways, and a keyboard must reach them too.
          <div className="table-scroll" tabIndex={0} role="region" aria-label={T.users}>
            <table data-testid="users">
              <thead>
                <tr>
                  <th scope="col">{t('username')}</th>
                  <th scope="col">{T.displayName}</th>
                  <th scope="col">{T.role}</th>
                  <th scope="col">{T.binding}</th>
                  <th scope="col">{T.status}</th>
                  <th scope="col">{T.actions}</th>
                </tr>
              </thead>
              <tbody>
                {(users.data ?? []).map((u) => (
                  <tr key={u.userId} data-testid="user-row" data-username={u.username} data-disabled={String(u.disabled)}>
                    <td>{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{tx('role', u.role)}</td>
                    <td data-testid="user-binding">{bindingText(u, organisations)}</td>
                    <td data-testid="user-status">{u.disabled ? T.disabledStatus : T.active}</td>
                    <td className="ws-buttons">
                      {BOUND.includes(u.role) && (
                        <button
                          type="button"
                          className="link"
                          aria-expanded={rebinding === u.userId}
                          aria-label={T.rebindOf.replace('{name}', u.username)}
                          onClick={() => setRebinding(rebinding === u.userId ? undefined : u.userId)}
                          data-testid="rebind"
                        >
                          {T.rebind}
                        </button>
                      )}
                      {u.userId !== me?.userId && (
                        <button
                          type="button"
                          className="link"
                          disabled={switching.busy}
                          aria-label={(u.disabled ? T.enableOf : T.disableOf).replace('{name}', u.username)}
                          onClick={() => void setDisabled(u, !u.disabled)}
                          data-testid={u.disabled ? 'enable-user' : 'disable-user'}
                        >
                          {u.disabled ? T.enable : T.disable}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rebinding && users.data?.some((u) => u.userId === rebinding) && (
          <Rebind
            key={rebinding}
            user={users.data.find((u) => u.userId === rebinding)!}
            organisations={organisations}
            onDone={users.reload}
            onClose={() => setRebinding(undefined)}
          />
        )}
      </Card>
      <IssueKey users={(users.data ?? []).filter((u) => u.role === 'lab' || u.role === 'inspector')} onDone={keys.reload} />
      <Card title={T.keys}>
        <ErrorBanner error={keys.error ?? action.error} />
        {action.done && (
          <p className="success" role="status">
            {action.done}
          </p>
        )}
        {(keys.data ?? []).length === 0 ? (
          <p className="muted">{T.none}</p>
        ) : (
          <ul className="plain" data-testid="api-keys">
            {keys.data!.map((k) => (
              <li key={k.keyId} className="ws-head" data-testid="api-key">
                <span>
                  {k.name} · <code>ocop_{k.prefix}_…</code> · {nameOf(k.userId)} · {dateTime(k.createdAt)}
                </span>
                {k.revokedAt ? (
                  <span className="badge bad">
                    {T.revoked} {dateTime(k.revokedAt)}
                  </span>
                ) : (
                  <button type="button" className="secondary" onClick={() => void revoke(k)} disabled={action.busy}>
                    {T.revoke}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

/** The user's new binding: the one field its role is bound by, chosen from the reference data or the organisations. */
function Rebind({
  user,
  organisations,
  onDone,
  onClose,
}: {
  user: User;
  organisations: Organisations;
  onDone: () => Promise<void>;
  onClose: () => void;
}) {
  const T = useTexts(TEXTS);
  const { t, tx } = useI18n();
  const action = useAction();
  const [value, setValue] = useState(
    user.organisationId ?? user.districtCode ?? user.communeCode ?? user.agencyId ?? user.provinceCode ?? '',
  );
  const field =
    user.role === 'producer'
      ? 'organisationId'
      : user.role === 'district_coordinator'
        ? 'districtCode'
        : user.role === 'commune_officer'
          ? 'communeCode'
          : user.role === 'provincial_coordinator'
            ? 'provinceCode'
            : 'agencyId';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(
      () => put(`/users/${user.userId}/binding`, { [field]: value.trim() }),
      () => T.rebound.replace('{name}', user.username),
    );
    if (done) await onDone();
  };
  const title = `${T.rebindOf.replace('{name}', user.username)} (${tx('role', user.role)})`;
  return (
    <form className="form card" onSubmit={submit} data-testid="rebind-form" aria-label={title}>
      <h2>{title}</h2>
      {field === 'organisationId' ? (
        <Field label={T.organisationId} name={field} error={action.error}>
          <select value={value} onChange={(e) => setValue(e.target.value)} required autoFocus data-testid="rebind-value">
            <option value="">{T.chooseOrganisation}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} — {districtName(o.districtCode)}
              </option>
            ))}
          </select>
        </Field>
      ) : field === 'districtCode' ? (
        <Field label={t('district')} name={field} error={action.error}>
          <select value={value} onChange={(e) => setValue(e.target.value)} autoFocus data-testid="rebind-value">
            {DISTRICTS.map((d) => (
              <option key={d.code} value={d.code}>
                {d.vi}
              </option>
            ))}
          </select>
        </Field>
      ) : field === 'provinceCode' ? (
        <Field label={T.province} name={field} error={action.error}>
          <select value={value} onChange={(e) => setValue(e.target.value)} autoFocus data-testid="rebind-value">
            <option value={PROVINCE.code}>{PROVINCE.vi}</option>
          </select>
        </Field>
      ) : (
        <Field label={T.agencyId} name={field} error={action.error}>
          <input value={value} onChange={(e) => setValue(e.target.value)} required autoFocus data-testid="rebind-value" />
        </Field>
      )}
      <ActionOutcome error={action.error} done={action.done} />
      <div className="ws-buttons">
        <button type="submit" disabled={action.busy} data-testid="rebind-save">
          {T.save}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {T.close}
        </button>
      </div>
    </form>
  );
}

function CreateUser({ organisations, onDone }: { organisations: Organisations; onDone: () => Promise<void> }) {
  const T = useTexts(TEXTS);
  const { t, tx } = useI18n();
  const action = useAction();
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'council_member' as Role,
    organisationId: '',
    districtCode: DISTRICTS[0]!.code,
    agencyId: '',
    communeCode: '',
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = form.role;
    const body = {
      username: form.username.trim(),
      displayName: form.displayName.trim(),
      password: form.password,
      role: r,
      ...(r === 'producer' ? { organisationId: form.organisationId.trim() } : {}),
      ...(r === 'district_coordinator' ? { districtCode: form.districtCode, provinceCode: PROVINCE.code } : {}),
      ...(r === 'provincial_coordinator' ? { provinceCode: PROVINCE.code } : {}),
      ...(r === 'commune_officer' ? { communeCode: form.communeCode.trim() } : {}),
      ...(r === 'lab' || r === 'inspector' ? { agencyId: form.agencyId.trim() } : {}),
    };
    const done = await action.run(
      () => post('/users', body),
      () => T.created.replace('{name}', body.username),
    );
    if (done) await onDone();
  };
  return (
    <Card title={T.create}>
      <form className="form" onSubmit={submit} data-testid="create-user">
        <Field label={t('username')} name="username" error={action.error}>
          <input value={form.username} onChange={set('username')} required autoComplete="off" />
        </Field>
        <Field label={T.displayName} name="displayName" error={action.error}>
          <input value={form.displayName} onChange={set('displayName')} required />
        </Field>
        <Field label={t('password')} name="password" error={action.error}>
          <input type="password" value={form.password} onChange={set('password')} required autoComplete="new-password" />
        </Field>
        <Field label={T.role} name="role" error={action.error}>
          <select value={form.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tx('role', r)}
              </option>
            ))}
          </select>
        </Field>
        {form.role === 'producer' && (
          <Field label={T.organisationId} name="organisationId" error={action.error}>
            <select value={form.organisationId} onChange={set('organisationId')} required>
              <option value="">{T.chooseOrganisation}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} — {districtName(o.districtCode)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {form.role === 'district_coordinator' && (
          <Field label={t('district')} name="districtCode" error={action.error}>
            <select value={form.districtCode} onChange={set('districtCode')}>
              {DISTRICTS.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.vi}
                </option>
              ))}
            </select>
          </Field>
        )}
        {form.role === 'commune_officer' && (
          <Field label={T.communeCode} name="communeCode" error={action.error}>
            <input value={form.communeCode} onChange={set('communeCode')} inputMode="numeric" placeholder="02890" required />
          </Field>
        )}
        {(form.role === 'lab' || form.role === 'inspector') && (
          <Field label={T.agencyId} name="agencyId" error={action.error}>
            <input value={form.agencyId} onChange={set('agencyId')} />
          </Field>
        )}
        <ActionOutcome error={action.error} done={action.done} />
        <button type="submit" disabled={action.busy}>
          {T.create}
        </button>
      </form>
    </Card>
  );
}

function IssueKey({ users, onDone }: { users: User[]; onDone: () => Promise<void> }) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [key, setKey] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const issued = await action.run(() => post<{ key: string }>('/api-keys', { userId, name: name.trim() }));
    if (issued) {
      setKey(issued.key);
      await onDone();
    }
  };
  return (
    <Card title={T.issue}>
      <form className="form" onSubmit={submit} data-testid="issue-key">
        <Field label={T.user} name="userId" error={action.error}>
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">—</option>
            {users.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.username} ({u.agencyId})
              </option>
            ))}
          </select>
        </Field>
        <Field label={T.keyName} name="name" error={action.error}>
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <ErrorBanner error={action.error} />
        {key && (
          <p className="success" role="status">
            {T.issued} <code data-testid="issued-key">{key}</code>
          </p>
        )}
        <button type="submit" disabled={action.busy}>
          {T.issue}
        </button>
      </form>
    </Card>
  );
}
