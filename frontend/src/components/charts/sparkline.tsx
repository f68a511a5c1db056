import { linePath, plotPoints, type ChartBox } from './chart-math'
import './charts.css'

const BOX: ChartBox = { width: 120, height: 32, top: 3, right: 3, bottom: 3, left: 3 }

/** A tiny 0-10 trend line with an accessible one-line summary. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const dots = plotPoints(values, BOX)
  const last = dots[dots.length - 1]
  return (
    <svg className="sparkline" viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={label}>
      <path className="sparkline__line" d={linePath(values, BOX)} />
      {last ? <circle className="sparkline__dot" cx={last.x} cy={last.y} r={2.5} /> : null}
    </svg>
  )
}
