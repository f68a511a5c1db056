import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { Check, Outcome } from '../../../lib/types'
import { refreshCommitments } from './refresh'

export interface CheckInput {
  period_start: string
  outcome: Outcome
  note?: string | null
}

/** POST /spaces/{sid}/commitments/{id}/checks: how a day or week went, once per period. */
export function reportCheck(spaceId: number, commitmentId: number, input: CheckInput): Promise<Check> {
  return api.post<Check>(`/spaces/${spaceId}/commitments/${commitmentId}/checks`, input)
}

export function useReportCheck(spaceId: number, commitmentId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: CheckInput) => reportCheck(spaceId, commitmentId, input),
    onSuccess: () => refreshCommitments(client, spaceId),
  })
}
