import { CONSENT_CATEGORIES, roleLabel } from '../../../config/words'
import { dateTime } from '../../../lib/dates'
import type { ConsentCategory, ConsentGiven } from '../../../lib/types'
import type { Viewer } from '../grants'
import './consent.css'

interface ConsentGridProps {
  given: ConsentGiven[]
  viewers: Viewer[]
  timeZone: string
  /** "viewer:category" of a change being saved. */
  busy?: string | null
  onGrant: (viewer: Viewer, category: ConsentCategory) => void
  onRevoke: (viewer: Viewer, category: ConsentCategory) => void
}

/** At a glance: each kind of data (rows) and each person (columns), shared or not, with switches. */
export function ConsentGrid({ given, viewers, timeZone, busy, onGrant, onRevoke }: ConsentGridProps) {
  const find = (viewerId: number, category: string) =>
    given.find((g) => g.viewer_id === viewerId && g.category === category)
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="What you share with each person">
      <table className="table consent-grid">
        <caption className="visually-hidden">What you share with each person</caption>
        <thead>
          <tr>
            <th scope="col">Your data</th>
            {viewers.map((viewer) => (
              <th scope="col" key={viewer.id}>
                {viewer.name}
                <span className="consent-grid__role">{roleLabel(viewer.role)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CONSENT_CATEGORIES.map((category) => (
            <tr key={category.value}>
              <th scope="row">
                {category.label}
                <span className="consent-grid__explain">{category.explain}</span>
              </th>
              {viewers.map((viewer) => {
                const grant = find(viewer.id, category.value)
                const key = `${viewer.id}:${category.value}`
                if (!grant) return <td key={viewer.id}>—</td>
                if (grant.fixed) {
                  return (
                    <td key={viewer.id} className="consent-grid__cell">
                      <span className="consent-fixed">Always shared</span>
                      <span className="consent-grid__note">Part of your role; it ends if you leave the space.</span>
                    </td>
                  )
                }
                const label = `${category.label} with ${viewer.name}`
                return (
                  <td key={viewer.id} className="consent-grid__cell">
                    <button
                      type="button"
                      role="switch"
                      aria-checked={grant.granted}
                      aria-label={`Share ${label}`}
                      className="consent-switch"
                      disabled={busy === key}
                      onClick={() => (grant.granted ? onRevoke(viewer, category.value) : onGrant(viewer, category.value))}
                    >
                      <span className="consent-switch__track" aria-hidden="true">
                        <span className="consent-switch__thumb" />
                      </span>
                      <span className="consent-switch__text">{grant.granted ? 'Shared' : 'Not shared'}</span>
                    </button>
                    {grant.granted && grant.expires_at ? (
                      <span className="consent-grid__note">until {dateTime(grant.expires_at, timeZone)}</span>
                    ) : null}
                    {grant.is_default ? <span className="consent-grid__note">(the starting setting)</span> : null}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
