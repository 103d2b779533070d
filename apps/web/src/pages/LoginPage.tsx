import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { homeOf, useAuth } from '../auth';
import { Card, ErrorBanner } from '../components/common';
import { useI18n, usePageTitle } from '../i18n';

export function LoginPage() {
  const { t } = useI18n();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  usePageTitle(t('login'));
  if (user) return <Navigate to={from && from !== '/login' ? from : homeOf(user.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await login(username.trim(), password);
      void navigate(from && from !== '/login' ? from : homeOf(me.role), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>{t('login')}</h1>
      <p className="muted">{t('tagline')}</p>
      <Card>
        <form onSubmit={submit} className="form" aria-label={t('login')}>
          <label>
            {t('username')}
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          </label>
          <label>
            {t('password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <ErrorBanner error={error} />
          <button type="submit" disabled={busy}>
            {t('login')}
          </button>
        </form>
      </Card>
    </div>
  );
}
