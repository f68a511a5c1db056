/** Dates as the API speaks them (YYYY-MM-DD, in the user's timezone) and as people read them. */

/** Today's date (YYYY-MM-DD) in an IANA timezone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** day plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  const date = parseDay(day)
  date.setUTCDate(date.getUTCDate() + n)
  return formatDay(date)
}

/** The Monday of day's ISO week. */
export function weekStart(day: string): string {
  const date = parseDay(day)
  const offset = (date.getUTCDay() + 6) % 7
  return addDays(day, -offset)
}

/** "Mon 3 Nov" for a YYYY-MM-DD day. */
export function shortDay(day: string): string {
  return parseDay(day).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  })
}

/** "3 Nov 2026" for a YYYY-MM-DD day. */
export function longDay(day: string): string {
  return parseDay(day).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/** A timestamp as a date and time in the user's timezone. */
export function dateTime(iso: string, timeZone?: string): string {
  try {
    return new Date(iso).toLocaleString(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    })
  } catch {
    return new Date(iso).toLocaleString()
  }
}

/** A timestamp's local day (YYYY-MM-DD) in the user's timezone. */
export function dayOf(iso: string, timeZone: string): string {
  return todayIn(timeZone, new Date(iso))
}

/** A time of day in the user's timezone, written exactly as `dateTime` writes it ("9:38 PM", never "09:38 PM"). */
export function timeOf(iso: string, timeZone?: string): string {
  try {
    return new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'short', timeZone })
  } catch {
    return new Date(iso).toLocaleTimeString()
  }
}
