// The admin's users and API keys: create a user with its role and binding, issue an agency user a key (shown
// once), revoke a key.
import { useState, type FormEvent } from 'react';
import { post } from '../api';
import { Card, ErrorBanner, Loading } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { DISTRICTS, PROVINCE } from '../reference';
import type { Role, User } from '../types';
import { useAction } from './workspace/useAction';

const ROLES: Role[] = [
  'producer',
  'district_coordinator',
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
    created: 'Đã tạo {name}.',
    displayName: 'Họ tên / tên đơn vị',
    role: 'Vai trò',
    organisationId: 'Mã chủ thể (người sản xuất)',
    agencyId: 'Mã cơ quan (phòng kiểm nghiệm, kiểm tra), ví dụ lab:lao-cai',
    binding: 'Gắn với',
    issue: 'Cấp khóa API',
    keyName: 'Tên khóa',
    user: 'Người dùng',
    issued: 'Khóa mới (chỉ hiện một lần — hãy lưu lại):',
    revoke: 'Thu hồi',
    revoked: 'Đã thu hồi',
    none: 'Chưa có.',
  },
  en: {
    users: 'Users',
    keys: 'API keys',
    create: 'Create a user',
    created: '{name} was created.',
    displayName: 'Full name / unit name',
    role: 'Role',
    organisationId: 'Organisation id (producers)',
    agencyId: 'Agency id (labs, inspectors), e.g. lab:lao-cai',
    binding: 'Bound to',
    issue: 'Issue an API key',
    keyName: 'Key name',
    user: 'User',
    issued: 'New key (shown once — keep it):',
    revoke: 'Revoke',
    revoked: 'Revoked',
    none: 'None yet.',
  },
};

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
  const action = useAction();
  const nameOf = (id: string) => users.data?.find((u) => u.userId === id)?.username ?? id;

  const revoke = async (key: ApiKey) => {
    const done = await action.run(
      () => post(`/api-keys/${key.keyId}/revoke`, {}),
      () => `${T.revoked}: ${key.name}`,
    );
    if (done) await keys.reload();
  };

  return (
    <div>
      <h1>{t('users')}</h1>
      <CreateUser onDone={users.reload} />
      <Card title={`${T.users} (${users.data?.length ?? '…'})`}>
        <ErrorBanner error={users.error} />
        {users.loading && !users.data ? (
          <Loading />
        ) : (
          <div className="table-scroll">
            <table data-testid="users">
              <thead>
                <tr>
                  <th>{t('username')}</th>
                  <th>{T.displayName}</th>
                  <th>{T.role}</th>
                  <th>{T.binding}</th>
                </tr>
              </thead>
              <tbody>
                {(users.data ?? []).map((u) => (
                  <tr key={u.userId}>
                    <td>{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{tx('role', u.role)}</td>
                    <td>{u.organisationId ?? u.districtCode ?? u.agencyId ?? u.provinceCode ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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

function CreateUser({ onDone }: { onDone: () => Promise<void> }) {
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
        <label>
          {t('username')}
          <input value={form.username} onChange={set('username')} required autoComplete="off" />
        </label>
        <label>
          {T.displayName}
          <input value={form.displayName} onChange={set('displayName')} required />
        </label>
        <label>
          {t('password')}
          <input type="password" value={form.password} onChange={set('password')} required autoComplete="new-password" />
        </label>
        <label>
          {T.role}
          <select value={form.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tx('role', r)}
              </option>
            ))}
          </select>
        </label>
        {form.role === 'producer' && (
          <label>
            {T.organisationId}
            <input value={form.organisationId} onChange={set('organisationId')} />
          </label>
        )}
        {form.role === 'district_coordinator' && (
          <label>
            {t('district')}
            <select value={form.districtCode} onChange={set('districtCode')}>
              {DISTRICTS.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.vi}
                </option>
              ))}
            </select>
          </label>
        )}
        {(form.role === 'lab' || form.role === 'inspector') && (
          <label>
            {T.agencyId}
            <input value={form.agencyId} onChange={set('agencyId')} />
          </label>
        )}
        <ErrorBanner error={action.error} />
        {action.done && (
          <p className="success" role="status">
            {action.done}
          </p>
        )}
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
        <label>
          {T.user}
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">—</option>
            {users.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.username} ({u.agencyId})
              </option>
            ))}
          </select>
        </label>
        <label>
          {T.keyName}
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
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
