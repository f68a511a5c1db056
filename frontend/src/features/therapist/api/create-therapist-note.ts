import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { TherapistNote } from '../../../lib/types'

/** POST /spaces/{sid}/therapist-notes: a private note; no one else ever sees it. */
export function createTherapistNote(spaceId: number, body: string): Promise<TherapistNote> {
  return api.post<TherapistNote>(`/spaces/${spaceId}/therapist-notes`, { body })
}

export function useCreateTherapistNote(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: string) => createTherapistNote(spaceId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'therapist-notes') }),
  })
}
