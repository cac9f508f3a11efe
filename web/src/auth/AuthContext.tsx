/** Who is signed in: probed with GET /me at start, set by login, cleared by logout or any 401. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { request, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import type { MeResponse, SessionUser } from '../api/types.ts';
import type { Role } from '../../../shared/org.ts';

interface AuthState {
  user: SessionUser | null;
  /** false until the first GET /me has answered */
  ready: boolean;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** set when a request got 401: the session ended while the page was open */
  expired: boolean;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [ready, setReady] = useState(false);
  const [expired, setExpired] = useState(false);
  const userRef = useRef<SessionUser | null>(null);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  useEffect(() => {
    let cancelled = false;
    request<MeResponse>('/me', { skipAuthRedirect: true })
      .then((me) => {
        if (cancelled) return;
        setCsrfToken(me.csrfToken);
        setUser(me.user);
      })
      .catch(() => {
        if (!cancelled) setUser(null);
      })
      .finally(() => {
        if (!cancelled) setReady(true);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      if (userRef.current) setExpired(true);
      setUser(null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await request<MeResponse>('/auth/login', { method: 'POST', body: { username, password }, skipAuthRedirect: true });
    setCsrfToken(res.csrfToken);
    setExpired(false);
    setUser(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await request<void>('/auth/logout', { method: 'POST', body: {}, skipAuthRedirect: true });
    } finally {
      setCsrfToken(null);
      setExpired(false);
      setUser(null);
    }
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      user,
      ready,
      login,
      logout,
      expired,
      hasRole: (...roles) => !!user && roles.some((r) => user.roles.includes(r)),
    }),
    [user, ready, login, logout, expired],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** For pages under the signed-in layout, where a user is guaranteed. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
