/**
 * The space the person is working in, with who is who. The app shell provides
 * it; features read it instead of fetching the space again (or importing each other).
 */
import { createContext, useContext } from 'react'
import type { Member, Space, SpaceRole, User } from './types'

export interface SpaceContextValue {
  space: Space
  me: User
  myRole: SpaceRole
  /** The other partner, while they are in the space. */
  partner: Member | null
  hurt: Member | null
  repairing: Member | null
  therapists: Member[]
  /** Prefix for links to pages about this space ('' for partners, '/couples/<id>' for a therapist). */
  basePath: string
  /** A person's name as the viewer should read it ("you" for the viewer). */
  nameOf: (userId: number | null | undefined) => string
}

export const SpaceContext = createContext<SpaceContextValue | null>(null)

/** Active members (those who have not left). */
export function activeMembers(space: Space): Member[] {
  return space.members.filter((member) => member.left_at === null)
}

/** How the other partner's place ended, when it has: they left, or deleted their account. */
export interface FormerPartner {
  member: Member
  accountDeleted: boolean
}

/** The other partner who was in the space and is no longer (a partner role is held once, ever). */
export function formerPartnerOf(space: Space, myRole: SpaceRole): FormerPartner | null {
  if (myRole === 'therapist') return null
  const otherRole = myRole === 'hurt' ? 'repairing' : 'hurt'
  const member = space.members.find((m) => m.role === otherRole && m.left_at !== null)
  return member ? { member, accountDeleted: member.user_id === null } : null
}

/** My role in a space, if I'm an active member. */
export function myRoleIn(space: Space, userId: number): SpaceRole | null {
  const mine = activeMembers(space).find((member) => member.user_id === userId)
  return (mine?.role as SpaceRole | undefined) ?? null
}

export function buildSpaceContext(space: Space, me: User, basePath = ''): SpaceContextValue | null {
  const myRole = myRoleIn(space, me.id)
  if (!myRole) return null
  const active = activeMembers(space)
  const hurt = active.find((m) => m.role === 'hurt') ?? null
  const repairing = active.find((m) => m.role === 'repairing') ?? null
  const partner = myRole === 'hurt' ? repairing : myRole === 'repairing' ? hurt : null
  const names = new Map(space.members.map((m) => [m.user_id, m.display_name]))
  return {
    space,
    me,
    myRole,
    partner,
    hurt,
    repairing,
    therapists: active.filter((m) => m.role === 'therapist'),
    basePath,
    nameOf: (userId) => {
      if (userId === me.id) return 'You'
      if (userId === null || userId === undefined) return 'A former member'
      return names.get(userId) ?? 'A former member'
    },
  }
}

export function useSpaceContext(): SpaceContextValue {
  const value = useContext(SpaceContext)
  if (!value) throw new Error('useSpaceContext needs a SpaceProvider above it')
  return value
}

/** The space context when there is one (pages shown both inside and outside a space). */
export function useOptionalSpaceContext(): SpaceContextValue | null {
  return useContext(SpaceContext)
}
