import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { Cadence, Commitment } from '../../../lib/types'
import { refreshCommitments } from './refresh'

export interface CommitmentInput {
  title: string
  description?: string | null
  cadence: Cadence
  starts_on?: string | null
}

/** POST /spaces/{sid}/commitments (repairing partner). */
export function createCommitment(spaceId: number, input: CommitmentInput): Promise<Commitment> {
  return api.post<Commitment>(`/spaces/${spaceId}/commitments`, input)
}

export function useCreateCommitment(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: CommitmentInput) => createCommitment(spaceId, input),
    onSuccess: () => refreshCommitments(client, spaceId),
  })
}
