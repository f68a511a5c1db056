import type { Marker } from '../../../components/charts/line-chart'

/** The text alternative of the chart's markers: each marked day, in words, beside the chart. */
export function DisclosureDayList({ markers }: { markers: Marker[] }) {
  if (markers.length === 0) return null
  return (
    <div className="disclosure-days">
      <h3 id="disclosure-days">Disclosures on this chart</h3>
      <ul aria-labelledby="disclosure-days">
        {markers.map((m) => (
          <li key={`${m.index}-${m.label}`}>{m.label}</li>
        ))}
      </ul>
    </div>
  )
}
