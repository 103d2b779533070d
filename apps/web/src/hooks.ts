import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * GETs a resource, again whenever `path` changes, and every `pollMs` while the page is open (live refresh while
 * journeys move). A failed refresh keeps the last data and shows the error.
 */
export function useGet<T>(path: string | null, pollMs?: number, options?: { anonymous?: boolean }): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const current = useRef(path);
  current.current = path;
  const anonymous = options?.anonymous ?? false;

  const reload = useCallback(async () => {
    if (path === null) return;
    try {
      const result = await get<T>(path, { anonymous });
      if (current.current === path) {
        setData(result);
        setError(undefined);
      }
    } catch (e) {
      if (current.current === path) setError(e);
    } finally {
      if (current.current === path) setLoading(false);
    }
  }, [path, anonymous]);

  useEffect(() => {
    setLoading(path !== null);
    void reload();
    if (!pollMs || path === null) return;
    const timer = setInterval(() => void reload(), pollMs);
    return () => clearInterval(timer);
  }, [path, pollMs, reload]);

  return { data, error, loading, reload };
}

/** Re-renders every `ms` (countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Whether a CSS media query holds, following the window as it changes (e.g. `(min-width: 1100px)`). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const change = () => setMatches(media.matches);
    change();
    media.addEventListener('change', change);
    return () => media.removeEventListener('change', change);
  }, [query]);
  return matches;
}
