import { useCaseload } from '../api/get-caseload'

/**
 * What needs attention in one couple (the caseload's alerts for it): which check is disputed,
 * a sudden drop, a quiet week. Shown on the couple page so it says what the caseload counted.
 */
export function CoupleAlerts({ spaceId }: { spaceId: number }) {
  const query = useCaseload()
  const item = query.data?.items.find((entry) => entry.space.id === spaceId)
  if (!item) return null
  if (item.alerts.length === 0) return <p className="muted">Nothing stands out in what they share with you.</p>
  return (
    <ul className="caseload-row__alerts" aria-label="Needs attention">
      {item.alerts.map((alert) => (
        <li key={alert.kind + alert.message}>{alert.message}</li>
      ))}
    </ul>
  )
}
