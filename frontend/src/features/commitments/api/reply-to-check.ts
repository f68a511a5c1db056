import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'
import { refreshCommitments } from './refresh'

export type CheckReply = components['schemas']['ReplyOut']

/** POST /spaces/{sid}/commitments/{id}/checks/{cid}/replies (partners): a word under a reviewed check. */
export function replyToCheck(spaceId: number, commitmentId: number, checkId: number, body: string): Promise<CheckReply> {
  return api.post<CheckReply>(`/spaces/${spaceId}/commitments/${commitmentId}/checks/${checkId}/replies`, { body })
}

export function useReplyToCheck(spaceId: number, commitmentId: number, checkId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: string) => replyToCheck(spaceId, commitmentId, checkId, body),
    onSuccess: () => refreshCommitments(client, spaceId),
  })
}
