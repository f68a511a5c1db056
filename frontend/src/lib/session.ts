/** Who is logged in: GET /auth/me, answered from the session cookie. */
import { useQuery, type QueryClient } from '@tanstack/react-query'
import { ProblemError, api } from './api-client'
import { keys } from './query-keys'
import type { User } from './types'

/** The logged-in user, or null when nobody is. */
export async function fetchMe(): Promise<User | null> {
  try {
    return await api.get<User>('/auth/me', { quiet401: true })
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) return null
    throw error
  }
}

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 5 * 60_000 })
}

/** The timezone this device is set to, sent at registration (the server buckets days in it). */
export function deviceTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/**
 * A new session began or ended (login, registration, logout, deletion, expiry):
 * forget everything loaded for the previous one and set who is logged in now.
 * The `me` query itself is kept (not removed) so that its observers see the change.
 */
export function resetSession(client: QueryClient, user: User | null): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] })
  client.setQueryData(keys.me, user)
}
