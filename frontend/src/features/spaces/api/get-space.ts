import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Space } from '../../../lib/types'

/** GET /spaces/{sid}: one space and its members. */
export function getSpace(spaceId: number): Promise<Space> {
  return api.get<Space>(`/spaces/${spaceId}`)
}

export function useSpace(spaceId: number) {
  return useQuery({ queryKey: [...keys.space(spaceId), 'detail'], queryFn: () => getSpace(spaceId) })
}
