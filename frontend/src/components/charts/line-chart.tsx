import { useId } from 'react'
import { DEFAULT_BOX, GRID_SCORES, type ChartBox, labelIndexes, linePath, plotPoints, xAt, yAt } from './chart-math'
import { useElementWidth } from './use-element-width'
import './charts.css'

export interface Series {
  /** One value per x slot; null where there is no data. */
  values: (number | null)[]
  label: string
  /** Visual style, from charts.css. */
  tone: 'felt' | 'rolling' | 'predicted'
  /** Draw dots for each value (true) or only a line (false). */
  dots?: boolean
  line?: boolean
  dashed?: boolean
}

/** An upright line at one x slot, marking an event on that day (the list of them is shown beside the chart). */
export interface Marker {
  index: number
  label: string
}

interface LineChartProps {
  title: string
  /** A sentence or two for screen readers: what the chart shows and its main figures. */
  description: string
  /** Label for each x slot (e.g. "Mon 3 Nov"). */
  xLabels: string[]
  series: Series[]
  /** Events to mark with an upright line; their text alternative is the caller's list beside the chart. */
  markers?: Marker[]
  /** The legend's words for the markers. */
  markerLabel?: string
}

/** A 0-10 line chart drawn as SVG, with a title and summary for assistive technology. */
export function LineChart({ title, description, xLabels, series, markers = [], markerLabel = 'Marked days' }: LineChartProps) {
  const id = useId()
  // Draw at the size it is shown, so labels stay readable on a phone and the chart stays short on a wide screen.
  const [figure, measured] = useElementWidth<HTMLElement>(DEFAULT_BOX.width)
  const width = Math.max(280, measured)
  const box: ChartBox = { ...DEFAULT_BOX, width, height: width < 500 ? 200 : DEFAULT_BOX.height }
  const count = xLabels.length
  return (
    <figure className="chart" ref={figure}>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width={box.width}
        height={box.height}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {GRID_SCORES.map((score) => (
          <g key={score}>
            <line className="chart__grid" x1={box.left} x2={box.width - box.right} y1={yAt(score, box)} y2={yAt(score, box)} />
            <text className="chart__axis" x={box.left - 8} y={yAt(score, box) + 4} textAnchor="end">
              {score}
            </text>
          </g>
        ))}
        {labelIndexes(count, Math.floor(box.width / 130)).map((index) => (
          <text
            key={index}
            className="chart__axis"
            x={xAt(index, count, box)}
            y={box.height - 8}
            textAnchor={index === 0 ? 'start' : index === count - 1 ? 'end' : 'middle'}
          >
            {xLabels[index]}
          </text>
        ))}
        {markers.map((m) => (
          <g key={`${m.index}-${m.label}`} className="chart__marker" data-label={m.label}>
            <line x1={xAt(m.index, count, box)} x2={xAt(m.index, count, box)} y1={box.top} y2={box.height - box.bottom} />
            <path d={`M ${xAt(m.index, count, box) - 5} ${box.top - 8} h 10 l -5 8 z`} />
          </g>
        ))}
        {series.map((s) => (
          <g key={s.label} className={`chart__series chart__series--${s.tone}`}>
            {s.line !== false ? (
              <path className={s.dashed ? 'chart__line chart__line--dashed' : 'chart__line'} d={linePath(s.values, box)} />
            ) : null}
            {s.dots
              ? plotPoints(s.values, box).map((p) => <circle key={p.index} className="chart__dot" cx={p.x} cy={p.y} r={3.5} />)
              : null}
          </g>
        ))}
      </svg>
      <figcaption className="chart__legend" aria-hidden="true">
        {series.map((s) => (
          <span key={s.label} className={`chart__key chart__key--${s.tone}${s.dashed ? ' chart__key--dashed' : ''}`}>
            {s.label}
          </span>
        ))}
        {markers.length > 0 ? <span className="chart__key chart__key--marker">{markerLabel}</span> : null}
      </figcaption>
    </figure>
  )
}
