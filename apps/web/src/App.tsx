import { lazy, Suspense, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, homeOf, useAuth } from './auth';
import { ErrorBanner, Loading } from './components/common';
import { NotificationsMenu } from './components/NotificationsMenu';
import { I18nProvider, useI18n, usePageTitle, type TextKey } from './i18n';
import { LoginPage } from './pages/LoginPage';
import type { Role } from './types';

// Screens load on demand: the certificate check a shopper opens on a phone does not download the dashboard's charts.
const page = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const CyclePage = page(() => import('./pages/CyclePage'), 'CyclePage');
const DashboardPage = page(() => import('./pages/DashboardPage'), 'DashboardPage');
const HolidaysPage = page(() => import('./pages/HolidaysPage'), 'HolidaysPage');
const InspectionsPage = page(() => import('./pages/InspectionsPage'), 'InspectionsPage');
const NationalPage = page(() => import('./pages/NationalPage'), 'NationalPage');
const LabPage = page(() => import('./pages/LabPage'), 'LabPage');
const OrganisationsPage = page(() => import('./pages/OrganisationsPage'), 'OrganisationsPage');
const ProductPage = page(() => import('./pages/ProductPage'), 'ProductPage');
const RegisterPage = page(() => import('./pages/RegisterPage'), 'RegisterPage');
const ReviewQueuePage = page(() => import('./pages/ReviewQueuePage'), 'ReviewQueuePage');
const SessionPage = page(() => import('./pages/SessionPage'), 'SessionPage');
const SessionsPage = page(() => import('./pages/SessionsPage'), 'SessionsPage');
const UsersPage = page(() => import('./pages/UsersPage'), 'UsersPage');
const VerifyPage = page(() => import('./pages/VerifyPage'), 'VerifyPage');
const WorkspacePage = page(() => import('./pages/WorkspacePage'), 'WorkspacePage');

const COORDINATORS: Role[] = ['provincial_coordinator', 'district_coordinator', 'admin'];
const EVERYONE: Role[] = [
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
/** The central office (and admin): every province. */
const NATIONAL: Role[] = ['central_coordinator', 'admin'];
/** "Waiting for me": ideas and dossiers for coordinators; a commune officer's commune's dossiers awaiting its check. */
const REVIEWERS: Role[] = [...COORDINATORS, 'commune_officer'];
/** The register and the sessions: the coordinators of a province, and the central office for every province. */
const REGISTER_READERS: Role[] = [...COORDINATORS, 'central_coordinator'];
/** A province's dashboard: its coordinators', and the central office's for the province it chooses. */
const DASHBOARD_READERS: Role[] = [...COORDINATORS, 'central_coordinator'];

/** The screens each role may open, in the order of its menu; also each route's title in the browser tab. */
const MENU: { to: string; label: TextKey; roles: Role[] }[] = [
  { to: '/national', label: 'national', roles: NATIONAL },
  { to: '/dashboard', label: 'dashboard', roles: DASHBOARD_READERS },
  { to: '/review', label: 'reviewQueue', roles: REVIEWERS },
  { to: '/register', label: 'register', roles: REGISTER_READERS },
  { to: '/workspace', label: 'myProducts', roles: ['producer'] },
  { to: '/sessions', label: 'sessions', roles: ['council_member', ...REGISTER_READERS] },
  { to: '/cycle', label: 'cycle', roles: ['provincial_coordinator', 'admin'] },
  { to: '/holidays', label: 'holidays', roles: REGISTER_READERS },
  { to: '/organisations', label: 'organisations', roles: ['producer', ...COORDINATORS] },
  { to: '/users', label: 'users', roles: ['admin'] },
  { to: '/lab', label: 'labQueue', roles: ['lab', 'admin'] },
  { to: '/inspections', label: 'inspectionQueue', roles: ['inspector', 'admin'] },
  { to: '/verify', label: 'verifyCertificate', roles: EVERYONE },
];
const TITLES: { prefix: string; label: TextKey }[] = [
  ...MENU.map((m) => ({ prefix: m.to, label: m.label })),
  { prefix: '/products', label: 'product' },
  { prefix: '/login', label: 'login' },
];

function Shell({ children }: { children: ReactNode }) {
  const { t, tx, lang, setLang } = useI18n();
  const { user, logout, unreachable, expired } = useAuth();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  usePageTitle(t(TITLES.find((x) => pathname.startsWith(x.prefix))?.label ?? 'appName'));
  return (
    <div className="shell">
      <a
        href="#main"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <Link to={user ? homeOf(user.role) : '/verify'} className="brand">
          <span className="logo">OCOP</span> <span className="brand-name">{t('appName')}</span>
        </Link>
        <nav className="menu" aria-label="Menu">
          {user &&
            MENU.filter((m) => m.roles.includes(user.role)).map((m) => (
              <NavLink key={m.to} to={m.to}>
                {t(m.label)}
              </NavLink>
            ))}
        </nav>
        <div className="who">
          <NotificationsMenu />
          <button
            type="button"
            className="link"
            data-testid="lang-switch"
            lang={lang === 'vi' ? 'en' : 'vi'}
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
          >
            {t('language')}
          </button>
          {user && (
            <>
              <span className="muted" title={tx('role', user.role)}>
                {user.displayName}
              </span>
              <button type="button" className="link" onClick={logout}>
                {t('logout')}
              </button>
            </>
          )}
        </div>
      </header>
      {unreachable && (
        <p className="warning banner" role="status" data-testid="server-unreachable">
          {t('serverUnreachable')}
        </p>
      )}
      <main className="content" id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      {expired && user && <Relogin username={user.username} />}
    </div>
  );
}

/** The token expired: the password again, in a dialog over the screen, which stays as it was underneath. */
function Relogin({ username }: { username: string }) {
  const { t } = useI18n();
  const { login, logout } = useAuth();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await login(username, password);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="overlay">
      <form
        className="card form dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="relogin-title"
        onSubmit={submit}
        data-testid="relogin"
      >
        <h2 id="relogin-title">{t('loginAgain')}</h2>
        <p>{t('sessionExpired')}</p>
        <label>
          {t('username')}
          <input value={username} readOnly autoComplete="username" />
        </label>
        <label>
          {t('password')}
          <input
            ref={field}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <ErrorBanner error={error} />
        <div className="ws-buttons">
          <button type="submit" disabled={busy}>
            {t('login')}
          </button>
          <button type="button" className="secondary" onClick={logout}>
            {t('logout')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** A screen for some roles: others go to the login (not logged in; back here afterwards) or see that they may not open it. */
function Guarded({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user, checking } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (!roles.includes(user.role))
    return (
      <>
        <h1>{t('noAccess')}</h1>
        <p className="error">{t('noAccess')}</p>
      </>
    );
  return <>{children}</>;
}

function Home() {
  const { user, checking } = useAuth();
  if (checking) return <Loading />;
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter basename="/app">
          <Shell>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/verify" element={<VerifyPage />} />
              <Route path="/verify/:no" element={<VerifyPage />} />
              <Route
                path="/dashboard"
                element={
                  <Guarded roles={DASHBOARD_READERS}>
                    <DashboardPage />
                  </Guarded>
                }
              />
              <Route
                path="/review"
                element={
                  <Guarded roles={REVIEWERS}>
                    <ReviewQueuePage />
                  </Guarded>
                }
              />
              <Route
                path="/national"
                element={
                  <Guarded roles={NATIONAL}>
                    <NationalPage />
                  </Guarded>
                }
              />
              <Route
                path="/register"
                element={
                  <Guarded roles={REGISTER_READERS}>
                    <RegisterPage />
                  </Guarded>
                }
              />
              <Route
                path="/cycle"
                element={
                  <Guarded roles={COORDINATORS}>
                    <CyclePage />
                  </Guarded>
                }
              />
              <Route
                path="/organisations"
                element={
                  <Guarded roles={['producer', ...COORDINATORS]}>
                    <OrganisationsPage />
                  </Guarded>
                }
              />
              <Route
                path="/holidays"
                element={
                  <Guarded roles={REGISTER_READERS}>
                    <HolidaysPage />
                  </Guarded>
                }
              />
              <Route
                path="/users"
                element={
                  <Guarded roles={['admin']}>
                    <UsersPage />
                  </Guarded>
                }
              />
              <Route
                path="/products/:id"
                element={
                  <Guarded roles={EVERYONE}>
                    <ProductPage />
                  </Guarded>
                }
              />
              <Route
                path="/workspace"
                element={
                  <Guarded roles={['producer']}>
                    <WorkspacePage />
                  </Guarded>
                }
              />
              <Route
                path="/sessions"
                element={
                  <Guarded roles={['council_member', ...REGISTER_READERS]}>
                    <SessionsPage />
                  </Guarded>
                }
              />
              <Route
                path="/sessions/:id"
                element={
                  <Guarded roles={['council_member', ...REGISTER_READERS]}>
                    <SessionPage />
                  </Guarded>
                }
              />
              <Route
                path="/lab"
                element={
                  <Guarded roles={['lab', 'admin']}>
                    <LabPage />
                  </Guarded>
                }
              />
              <Route
                path="/inspections"
                element={
                  <Guarded roles={['inspector', 'admin']}>
                    <InspectionsPage />
                  </Guarded>
                }
              />
              <Route path="*" element={<Home />} />
            </Routes>
          </Shell>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
