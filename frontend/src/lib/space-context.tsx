/** Provides the current space to everything below it (see lib/space.ts). */
import { useMemo, type ReactNode } from 'react'
import { SpaceContext, buildSpaceContext } from './space'
import type { Space, User } from './types'

export function SpaceProvider({
  space,
  me,
  basePath = '',
  children,
}: {
  space: Space
  me: User
  basePath?: string
  children: ReactNode
}) {
  const value = useMemo(() => buildSpaceContext(space, me, basePath), [space, me, basePath])
  if (!value) return null
  return <SpaceContext.Provider value={value}>{children}</SpaceContext.Provider>
}
