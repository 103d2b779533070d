import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, homeOf, useAuth } from './auth';
import { Loading } from './components/common';
import { NotificationsMenu } from './components/NotificationsMenu';
import { I18nProvider, useI18n, type TextKey } from './i18n';
import { LoginPage } from './pages/LoginPage';
import type { Role } from './types';

// Screens load on demand: the certificate check a shopper opens on a phone does not download the dashboard's charts.
const page = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) => lazy(async () => ({ default: (await load())[name] }));
const DashboardPage = page(() => import('./pages/DashboardPage'), 'DashboardPage');
const InspectionsPage = page(() => import('./pages/InspectionsPage'), 'InspectionsPage');
const LabPage = page(() => import('./pages/LabPage'), 'LabPage');
const ProductPage = page(() => import('./pages/ProductPage'), 'ProductPage');
const SessionPage = page(() => import('./pages/SessionPage'), 'SessionPage');
const SessionsPage = page(() => import('./pages/SessionsPage'), 'SessionsPage');
const VerifyPage = page(() => import('./pages/VerifyPage'), 'VerifyPage');
const WorkspacePage = page(() => import('./pages/WorkspacePage'), 'WorkspacePage');

/** The screens each role may open, in the order of its menu. */
const MENU: { to: string; label: TextKey; roles: Role[] }[] = [
  { to: '/dashboard', label: 'dashboard', roles: ['provincial_coordinator', 'district_coordinator', 'admin'] },
  { to: '/workspace', label: 'myProducts', roles: ['producer'] },
  { to: '/sessions', label: 'sessions', roles: ['council_member', 'district_coordinator', 'provincial_coordinator', 'admin'] },
  { to: '/lab', label: 'labQueue', roles: ['lab', 'admin'] },
  { to: '/inspections', label: 'inspectionQueue', roles: ['inspector', 'admin'] },
  { to: '/verify', label: 'verifyCertificate', roles: ['producer', 'district_coordinator', 'provincial_coordinator', 'council_member', 'lab', 'inspector', 'admin'] },
];

function Shell({ children }: { children: ReactNode }) {
  const { t, tx, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  return (
    <div className="shell">
      <header className="topbar">
        <Link to={user ? homeOf(user.role) : '/verify'} className="brand">
          <span className="logo">OCOP</span> <span className="brand-name">{t('appName')}</span>
        </Link>
        <nav className="menu">
          {user &&
            MENU.filter((m) => m.roles.includes(user.role)).map((m) => (
              <NavLink key={m.to} to={m.to}>
                {t(m.label)}
              </NavLink>
            ))}
        </nav>
        <div className="who">
          <NotificationsMenu />
          <button type="button" className="link" data-testid="lang-switch" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('language')}
          </button>
          {user && (
            <>
              <span className="muted" title={tx('role', user.role)}>{user.displayName}</span>
              <button type="button" className="link" onClick={logout}>
                {t('logout')}
              </button>
            </>
          )}
        </div>
      </header>
      <main className="content">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </div>
  );
}

/** A screen for some roles: others go to the login (not logged in) or see that they may not open it. */
function Guarded({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user, checking } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!roles.includes(user.role)) return <p className="error">{t('noAccess')}</p>;
  return <>{children}</>;
}

function Home() {
  const { user, checking } = useAuth();
  if (checking) return <Loading />;
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}

const COORDINATORS: Role[] = ['provincial_coordinator', 'district_coordinator', 'admin'];
const EVERYONE: Role[] = ['producer', 'district_coordinator', 'provincial_coordinator', 'council_member', 'lab', 'inspector', 'admin'];

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
              <Route path="/dashboard" element={<Guarded roles={COORDINATORS}><DashboardPage /></Guarded>} />
              <Route path="/products/:id" element={<Guarded roles={EVERYONE}><ProductPage /></Guarded>} />
              <Route path="/workspace" element={<Guarded roles={['producer']}><WorkspacePage /></Guarded>} />
              <Route path="/sessions" element={<Guarded roles={['council_member', ...COORDINATORS]}><SessionsPage /></Guarded>} />
              <Route path="/sessions/:id" element={<Guarded roles={['council_member', ...COORDINATORS]}><SessionPage /></Guarded>} />
              <Route path="/lab" element={<Guarded roles={['lab', 'admin']}><LabPage /></Guarded>} />
              <Route path="/inspections" element={<Guarded roles={['inspector', 'admin']}><InspectionsPage /></Guarded>} />
              <Route path="*" element={<Home />} />
            </Routes>
          </Shell>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
