/**
 * Cursor paging for a list endpoint: the server only knows "next", so the pages already
 * visited are kept as a stack of cursors to go back. Changing filters, sort or page size
 * returns to the first page.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Page, type Query } from '../api/client.ts';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  next: () => void;
  prev: () => void;
  reload: () => void;
  /** back to the first page and fetch again (after a create) */
  reset: () => void;
  pageSize: number;
  setPageSize: (n: number) => void;
  /** The count some endpoints send with a page (`total`, e.g. /cases/search); undefined when absent. */
  total?: number | null;
}

export function useCursorList<T>(path: string, query: Query, initialPageSize = 20): CursorList<T> {
  const [pageSize, setPageSize] = useState(initialPageSize);
  const key = JSON.stringify([path, query, pageSize]);
  const [paging, setPaging] = useState<{ key: string; stack: (string | null)[] }>({ key, stack: [null] });
  const stack = useMemo(() => (paging.key === key ? paging.stack : [null]), [paging, key]);
  const cursor = stack[stack.length - 1] ?? null;
  const [reloads, setReloads] = useState(0);
  const [result, setResult] = useState<{ forKey: string; page: Page<T> | null; error: unknown }>({ forKey: '', page: null, error: null });
  const [loading, setLoading] = useState(true);
  const requestKey = `${key}|${cursor ?? ''}|${reloads}`;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<Page<T>>(path, { ...(JSON.parse(key) as [string, Query, number])[1], limit: pageSize, cursor }, ctrl.signal)
      .then((page) => setResult({ forKey: requestKey, page, error: null }))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setResult({ forKey: requestKey, page: null, error });
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
    // requestKey covers path, query, page size, cursor and reloads
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  const nextCursor = result.page?.nextCursor ?? null;
  const next = useCallback(() => {
    if (!nextCursor) return;
    setPaging({ key, stack: [...stack, nextCursor] });
  }, [key, stack, nextCursor]);
  const prev = useCallback(() => {
    if (stack.length <= 1) return;
    setPaging({ key, stack: stack.slice(0, -1) });
  }, [key, stack]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const reset = useCallback(() => {
    setPaging({ key, stack: [null] });
    setReloads((n) => n + 1);
  }, [key]);

  return useMemo(
    () => ({
      items: result.page?.items ?? [],
      loading,
      error: result.error,
      page: stack.length,
      hasPrev: stack.length > 1,
      hasNext: !!nextCursor && !loading,
      next,
      prev,
      reload,
      reset,
      pageSize,
      setPageSize,
      total: (result.page as { total?: number | null } | null)?.total,
    }),
    [result, loading, stack.length, nextCursor, next, prev, reload, reset, pageSize],
  );
}
