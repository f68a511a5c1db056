import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { PartnerRole, Space } from '../../../lib/types'

export interface CreateSpaceInput {
  name?: string | null
  my_role: PartnerRole
}

/** POST /spaces: start a space for the two of you, choosing your role. */
export function createSpace(input: CreateSpaceInput): Promise<Space> {
  return api.post<Space>('/spaces', input)
}

export function useCreateSpace() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: createSpace,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.spaces }),
  })
}
