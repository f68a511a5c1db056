import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'

export type Reminders = components['schemas']['RemindersOut']
export type RemindersInput = components['schemas']['RemindersIn']

const KEY = ['account', 'reminders']

/** GET /account/reminders: my reminder choices (all off until I turn them on). */
export function useReminders() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<Reminders>('/account/reminders') })
}

/** PUT /account/reminders: every choice at once; times are in my own timezone. */
export function useSaveReminders() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: RemindersInput) => api.put<Reminders>('/account/reminders', input),
    onSuccess: (saved) => client.setQueryData(KEY, saved),
  })
}

/** POST /account/reminders/mute: no activity notices for 1 to 30 days from now. */
export function useMuteActivity() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (days: number) => api.post<Reminders>('/account/reminders/mute', { days }),
    onSuccess: (saved) => client.setQueryData(KEY, saved),
  })
}
