import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { Review, Verdict } from '../../../lib/types'
import { refreshCommitments } from './refresh'

export interface ReviewInput {
  commitmentId: number
  checkId: number
  verdict: Verdict
  note?: string | null
}

/** POST /spaces/{sid}/commitments/{id}/checks/{cid}/review (hurt partner): confirm or dispute. */
export function reviewCheck(spaceId: number, input: ReviewInput): Promise<Review> {
  return api.post<Review>(`/spaces/${spaceId}/commitments/${input.commitmentId}/checks/${input.checkId}/review`, {
    verdict: input.verdict,
    note: input.note ?? null,
  })
}

export function useReviewCheck(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: ReviewInput) => reviewCheck(spaceId, input),
    onSuccess: () => refreshCommitments(client, spaceId),
  })
}
