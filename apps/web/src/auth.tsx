// Who is logged in: the token lives in localStorage, the user comes from GET /auth/me. A server that cannot be
// reached keeps the user logged in (and says so, retrying); an expired token asks for the password again in place,
// so the screen — and whatever was being typed — stays as it was.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, get, post, tokenStore, whenUnauthenticated } from './api';
import type { Role, User } from './types';

interface Auth {
  user: User | null;
  /** True until the stored token has been checked. */
  checking: boolean;
  /** The server did not answer the last check (network down, 5xx): retrying. */
  unreachable: boolean;
  /** The token expired while the user was working: log in again in place. */
  expired: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => void;
}

const AuthContext = createContext<Auth | null>(null);
const RETRY_MS = 5_000;

const CACHED_USER = 'ocop.user';

export function AuthProvider({ children }: { children: ReactNode }) {
  // The user last seen stands in while the server cannot be reached, so an outage does not log anyone out.
  const [user, setUser] = useState<User | null>(() => (tokenStore.get() ? cachedUser() : null));
  const [checking, setChecking] = useState(() => tokenStore.get() !== null && cachedUser() === null);
  const [unreachable, setUnreachable] = useState(false);
  const [expired, setExpired] = useState(false);
  const retry = useRef<ReturnType<typeof setTimeout>>(undefined);

  const logout = useCallback(() => {
    tokenStore.clear();
    localStorage.removeItem(CACHED_USER);
    setExpired(false);
    setUser(null);
  }, []);

  const check = useCallback(async () => {
    if (!tokenStore.get()) return setChecking(false);
    try {
      const me = await get<User>('/auth/me');
      localStorage.setItem(CACHED_USER, JSON.stringify(me));
      setUser(me);
      setUnreachable(false);
      setChecking(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        logout();
        setChecking(false);
        return;
      }
      // Not an answer about the token: the server is away. Keep the user and try again.
      setUnreachable(true);
      setChecking(false);
      retry.current = setTimeout(() => void check(), RETRY_MS);
    }
  }, [logout]);

  useEffect(() => {
    whenUnauthenticated(() => {
      if (tokenStore.get()) setExpired(true);
    });
    void check();
    return () => clearTimeout(retry.current);
  }, [check]);

  const value = useMemo<Auth>(
    () => ({
      user,
      checking,
      unreachable,
      expired,
      logout,
      login: async (username, password) => {
        const result = await post<{ accessToken: string; user: User }>('/auth/login', { username, password });
        tokenStore.set(result.accessToken);
        localStorage.setItem(CACHED_USER, JSON.stringify(result.user));
        setExpired(false);
        setUnreachable(false);
        setUser(result.user);
        return result.user;
      },
    }),
    [user, checking, unreachable, expired, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function cachedUser(): User | null {
  try {
    const raw = localStorage.getItem(CACHED_USER);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Where each role lands after logging in. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'provincial_coordinator':
    case 'district_coordinator':
    case 'admin':
      return '/dashboard';
    case 'central_coordinator':
      return '/national';
    case 'commune_officer':
      return '/review';
    case 'producer':
      return '/workspace';
    case 'council_member':
      return '/sessions';
    case 'lab':
      return '/lab';
    case 'inspector':
      return '/inspections';
  }
}
