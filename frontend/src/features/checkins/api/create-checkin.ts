import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Checkin, CheckinInput } from '../../../lib/types'

/** POST /spaces/{sid}/checkins: how I am today. */
export function createCheckin(spaceId: number, input: CheckinInput): Promise<Checkin> {
  return api.post<Checkin>(`/spaces/${spaceId}/checkins`, input)
}

export function useCreateCheckin(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: CheckinInput) => createCheckin(spaceId, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'checkins') })
      void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'trends') })
    },
  })
}
