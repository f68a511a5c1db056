import { useState } from 'react'
import { TextField } from '../../../components/field'
import { addDays } from '../../../lib/dates'
import { useToday } from '../../../lib/use-today'
import { reportUrl, sinceLastSessionUrl } from '../api/report-url'

/** The session-prep report for a range of days: a printable page, or a CSV file. */
export function ReportLinks({ spaceId, timeZone }: { spaceId: number; timeZone: string }) {
  const today = useToday(timeZone)
  const [from, setFrom] = useState(addDays(today, -27))
  const [to, setTo] = useState(today)
  return (
    <div className="stack">
      <p className="muted">Only what each partner shares with you is in the report. Opening it is noted in their access logs.</p>
      <div className="report-range">
        <TextField label="From" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        <TextField label="To" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="button-row">
        <a className="btn" href={reportUrl(spaceId, 'html', from, to)} target="_blank" rel="noopener noreferrer">
          Open the printable report<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <a className="btn btn--secondary" href={reportUrl(spaceId, 'csv', from, to)} download>
          Download as CSV
        </a>
      </div>
      <p>
        <a href={sinceLastSessionUrl(spaceId)} target="_blank" rel="noopener noreferrer">
          Report since your last session<span className="visually-hidden"> (opens in a new tab)</span>
        </a>{' '}
        <span className="muted small">(from the day of your latest note for this couple)</span>
      </p>
    </div>
  )
}
