import { useEffect, useState } from 'react'
import { todayIn } from './dates'

/** Today's date in the user's timezone; updates when the day turns over while the page is open. */
export function useToday(timeZone: string): string {
  const [today, setToday] = useState(() => todayIn(timeZone))
  useEffect(() => {
    const timer = window.setInterval(() => setToday(todayIn(timeZone)), 60_000)
    return () => window.clearInterval(timer)
  }, [timeZone])
  return today
}
