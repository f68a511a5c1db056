import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Space } from '../../../lib/types'

/** GET /spaces: the spaces I belong to (or once belonged to). */
export async function getSpaces(): Promise<Space[]> {
  const page = await api.get<{ items: Space[] }>('/spaces')
  return page.items
}

export function useSpaces(enabled = true) {
  return useQuery({ queryKey: keys.spaces, queryFn: getSpaces, enabled })
}
