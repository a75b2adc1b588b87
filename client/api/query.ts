import { QueryClient, useQuery, type UseQueryOptions } from '@tanstack/react-query'
import { ApiError, request } from './request'
import { reportLink } from '../offline/when-online'

/** The request never reached the server (an HTTP answer is not one). */
const linkFailure = (err: unknown) => !(err instanceof ApiError) || err.status === 0

/**
 * Reads from the API go through TanStack Query: one cache (a page opened again shows at once and
 * refreshes behind), retries with backoff when the link or the server failed, paused while the
 * browser is offline and resumed when it is back ("online" network mode), refreshed on reconnect.
 * A 4xx answer is the server's decision (no access, not found, bad request): never retried; a 5xx
 * three times; a request that could not reach the server again and again (at most every 5 s) for
 * as long as someone looks at it, so a tab that was loading when the link dropped (on a dead link
 * the browser may still say it is online) finishes by itself once the link is back.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      gcTime: 5 * 60_000,
      networkMode: 'online',
      refetchOnReconnect: true,
      refetchOnWindowFocus: false,
      retry: (failures, err) => linkFailure(err) || (err instanceof ApiError && err.status >= 500 && failures < 3),
      retryDelay: (n) => Math.min(500 * 2 ** n, 5000),
    },
    mutations: { networkMode: 'online', retry: false },
  },
})

/** The query key of a GET: its path (with query string), so invalidating a path refreshes its readers. */
export const apiKey = (path: string) => ['api', path] as const

/** A GET that tells the offline bar whether the server answered. */
export async function getApi<T>(path: string, signal?: AbortSignal): Promise<T> {
  try {
    const data = await request<T>('GET', path, undefined, signal)
    reportLink(true)
    return data
  } catch (err) {
    if (linkFailure(err) && !(err instanceof Error && err.name === 'AbortError')) reportLink(false)
    else if (err instanceof ApiError) reportLink(true)
    throw err
  }
}

/** A GET of the API through the cache; `path` null waits (nothing is asked). */
export function useApi<T>(path: string | null, opts: Omit<UseQueryOptions<T, Error>, 'queryKey' | 'queryFn'> = {}) {
  return useQuery<T, Error>({
    queryKey: apiKey(path ?? ''),
    queryFn: ({ signal }) => getApi<T>(path!, signal),
    enabled: path !== null && (opts.enabled ?? true),
    ...opts,
  })
}

/** Marks every cached GET whose path starts with `prefix` stale and refetches those on screen. */
export const invalidateApi = (prefix: string) =>
  queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'api' && String(q.queryKey[1]).startsWith(prefix) })
