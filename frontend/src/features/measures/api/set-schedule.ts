import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'

export interface ScheduleChange {
  instrument: string
  /** Weeks between offers (1-8), or null to stop offering it. */
  everyWeeks: number | null
  /** Whose schedule: therapists name a partner; partners leave it out. */
  respondentId?: number
}

/** PUT (or DELETE) /spaces/{sid}/measures/{instrument}/schedule. */
export function setSchedule(spaceId: number, change: ScheduleChange): Promise<unknown> {
  const path = `/spaces/${spaceId}/measures/${change.instrument}/schedule`
  if (change.everyWeeks === null) {
    const query = change.respondentId ? `?respondent_id=${change.respondentId}` : ''
    return api.delete(`${path}${query}`)
  }
  const body: Record<string, number> = { every_weeks: change.everyWeeks }
  if (change.respondentId) body.respondent_id = change.respondentId
  return api.put(path, body)
}

export function useSetSchedule(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (change: ScheduleChange) => setSchedule(spaceId, change),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'measures') })
      void client.invalidateQueries({ queryKey: keys.caseload })
    },
  })
}
