import type { Instrument, MeasureSeries } from '../../../lib/types'

const WIDTH = 320
const HEIGHT = 120
const PAD = { left: 28, right: 8, top: 8, bottom: 18 }

/** A series as dots joined by a line, with the instrument's cut-off as a dashed line. */
export function SeriesChart({ series, instrument }: { series: MeasureSeries; instrument: Instrument }) {
  const { min, max } = instrument.scoring
  const points = series.points
  const x = (i: number) =>
    PAD.left + (points.length < 2 ? 0.5 : i / (points.length - 1)) * (WIDTH - PAD.left - PAD.right)
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (HEIGHT - PAD.top - PAD.bottom)
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ')
  const cut = y(series.cutoff)
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="series-chart"
      role="img"
      aria-label={`${series.display_name}'s ${instrument.name} scores, oldest first: ${points
        .map((p) => p.score)
        .join(', ')}. Cut-off ${series.cutoff}.`}
    >
      <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="series-chart__axis">
        {max}
      </text>
      <text x={PAD.left - 6} y={y(min) + 4} textAnchor="end" className="series-chart__axis">
        {min}
      </text>
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={cut} y2={cut} className="series-chart__cutoff" />
      <text x={WIDTH - PAD.right} y={cut - 4} textAnchor="end" className="series-chart__axis">
        cut-off {series.cutoff}
      </text>
      {points.length > 1 ? <polyline points={line} className="series-chart__line" /> : null}
      {points.map((p, i) => (
        <circle key={p.id} cx={x(i)} cy={y(p.score)} r={3.5} className="series-chart__dot" />
      ))}
    </svg>
  )
}
