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
      mutations: { retry: false },
    },
  })
}
