// Who is logged in: the token lives in localStorage, the user comes from GET /auth/me.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get, post, tokenStore, whenUnauthenticated } from './api';
import type { Role, User } from './types';

interface Auth {
  user: User | null;
  /** True until the stored token has been checked. */
  checking: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(() => tokenStore.get() !== null);

  const logout = useCallback(() => {
    tokenStore.clear();
    setUser(null);
  }, []);

  useEffect(() => {
    whenUnauthenticated(logout);
    if (!tokenStore.get()) return;
    get<User>('/auth/me')
      .then(setUser)
      .catch(() => tokenStore.clear())
      .finally(() => setChecking(false));
  }, [logout]);

  const value = useMemo<Auth>(
    () => ({
      user,
      checking,
      logout,
      login: async (username, password) => {
        const result = await post<{ accessToken: string; user: User }>('/auth/login', { username, password });
        tokenStore.set(result.accessToken);
        setUser(result.user);
        return result.user;
      },
    }),
    [user, checking, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
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
