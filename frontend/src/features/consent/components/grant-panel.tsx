import { useEffect, useRef, useState, type FormEvent } from 'react'
import { consentCategoryLabel } from '../../../config/words'
import type { ConsentCategory } from '../../../lib/types'
import { expiryFor, type Viewer } from '../grants'

const DURATIONS = [
  { value: 'none', label: 'Until I stop it' },
  { value: '1', label: 'For one day' },
  { value: '7', label: 'For one week' },
  { value: '30', label: 'For 30 days' },
  { value: 'date', label: 'Until a date I choose' },
]

/** Confirm a new share, choosing how long it lasts. */
export function GrantPanel({
  viewer,
  category,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  viewer: Viewer
  category: ConsentCategory
  busy: boolean
  error?: string
  onConfirm: (expiresAt: string | null) => void
  onCancel: () => void
}) {
  const [choice, setChoice] = useState('none')
  const [date, setDate] = useState('')
  const [invalid, setInvalid] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [viewer.id, category])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const expiry = expiryFor(choice, date)
    if (expiry === 'invalid') {
      setInvalid(true)
      return
    }
    onConfirm(expiry)
  }
  return (
    <form className="grant-panel form" onSubmit={submit} noValidate aria-labelledby="grant-title">
      <h3 id="grant-title" ref={heading} tabIndex={-1}>
        Share {consentCategoryLabel(category).toLowerCase()} with {viewer.name}?
      </h3>
      <p className="muted">It takes effect at once. You can stop it at any time, and that also works at once.</p>
      <fieldset className="choices">
        <legend className="field__label">For how long?</legend>
        {DURATIONS.map((d) => (
          <label key={d.value} className="choice choice--inline">
            <input type="radio" name="grant-duration" checked={choice === d.value} onChange={() => setChoice(d.value)} />
            <span>{d.label}</span>
          </label>
        ))}
      </fieldset>
      {choice === 'date' ? (
        <div className="field">
          <label htmlFor="grant-until" className="field__label">
            Last day of sharing
          </label>
          <input
            id="grant-until"
            type="date"
            className="input"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? 'grant-until-error' : undefined}
          />
          {invalid ? (
            <p id="grant-until-error" className="field__error">
              Please choose a day from today on.
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn" disabled={busy}>
          {busy ? 'Sharing…' : 'Share'}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
