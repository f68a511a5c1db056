import { QueryClient } from '@tanstack/react-query'
import { ProblemError } from './api-client'

/** Nothing is persisted: the cache lives in memory and is cleared at logout and quick exit. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => {
          // 4xx answers won't change by asking again; network blips and 5xx might.
          if (error instanceof ProblemError && error.status >= 400 && error.status < 500) return false
          return failures < 2
        },
      },
      // 'always': offline, a save fails at once with "We couldn't reach Mend…" (status 0)
      // instead of waiting silently on "Saving…" until the browser is back online. The
      // words stay in the form (and in its draft), so nothing is lost.
      mutations: { retry: false, networkMode: 'always' },
    },
  })
}
