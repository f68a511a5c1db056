import { useSpaceContext } from '../../../lib/space'
import { useCheckins } from '../api/get-checkins'
import { useToday } from '../../../lib/use-today'

/** The check-ins I wrote today (in my timezone), newest first. */
export function useMyCheckinsToday() {
  const { space, me } = useSpaceContext()
  const today = useToday(me.timezone)
  return useCheckins(space.id, { from: today, to: today, author_id: me.id, limit: 10 })
}
