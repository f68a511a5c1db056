import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ProblemError, api, forgetCsrfToken } from '../../../lib/api-client'
import { clearAllDrafts } from '../../../lib/drafts'
import { resetSession } from '../../../lib/session'

/** POST /auth/logout. A 401 means the session had already ended, which is what we wanted. */
export async function logout(): Promise<void> {
  try {
    await api.post<void>('/auth/logout', undefined, { quiet401: true })
  } catch (error) {
    if (!(error instanceof ProblemError && error.status === 401)) throw error
  } finally {
    forgetCsrfToken()
    // A deliberate log-out takes unsent words with it (a quick exit keeps them for this tab).
    clearAllDrafts()
  }
}

export function useLogout() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: logout,
    onSettled: () => resetSession(client, null),
  })
}
