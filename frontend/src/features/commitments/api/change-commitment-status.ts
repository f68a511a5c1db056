import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { CommitmentDetail, CommitmentStatus } from '../../../lib/types'
import { refreshCommitments } from './refresh'

export interface StatusInput {
  status: CommitmentStatus
  reason: string
}

/** PATCH /spaces/{sid}/commitments/{id}: pause, resume, complete or withdraw, saying why. */
export function changeCommitmentStatus(spaceId: number, id: number, input: StatusInput): Promise<CommitmentDetail> {
  return api.patch<CommitmentDetail>(`/spaces/${spaceId}/commitments/${id}`, input)
}

export function useChangeCommitmentStatus(spaceId: number, id: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: StatusInput) => changeCommitmentStatus(spaceId, id, input),
    onSuccess: () => refreshCommitments(client, spaceId),
  })
}
