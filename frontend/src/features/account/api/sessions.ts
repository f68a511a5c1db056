import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import { resetSession } from '../../../lib/session'
import { disconnectLive } from '../../../lib/socket'
import type { LoginSession } from '../../../lib/types'

/** GET /auth/sessions: every place this account is signed in, newest first. */
export async function fetchSessions(): Promise<LoginSession[]> {
  const page = await api.get<{ items: LoginSession[] }>('/auth/sessions')
  return page.items
}

export function useSessions() {
  return useQuery({ queryKey: keys.sessions, queryFn: fetchSessions })
}

/** DELETE /auth/sessions/{id}: that session's cookie stops working and its live connection closes. */
export async function endSession(session: LoginSession): Promise<LoginSession> {
  await api.delete<void>(`/auth/sessions/${session.id}`)
  return session
}

/** Ending another session refreshes the list; ending this one logs this window out. */
export function useEndSession() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: endSession,
    onSuccess: (session) => {
      if (session.current) {
        forgetCsrfToken()
        disconnectLive()
        resetSession(client, null)
      } else {
        void client.invalidateQueries({ queryKey: keys.sessions })
      }
    },
  })
}
