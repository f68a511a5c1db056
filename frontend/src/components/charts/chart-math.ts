/**
 * Pure maths for Mend's SVG charts: scales from the 0-10 score range and an
 * index range onto a box, and line paths that break where data is missing
 * (a day without a check-in is a gap, never a made-up value).
 */

export interface ChartBox {
  width: number
  height: number
  top: number
  right: number
  bottom: number
  left: number
}

export const DEFAULT_BOX: ChartBox = { width: 640, height: 240, top: 12, right: 12, bottom: 28, left: 32 }

export const SCORE_MIN = 0
export const SCORE_MAX = 10

export interface PlotPoint {
  index: number
  value: number
  x: number
  y: number
}

/** Round to 2 decimals so paths stay short and stable in tests. */
export function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** x for the index-th of count evenly spaced slots; a single slot sits in the middle. */
export function xAt(index: number, count: number, box: ChartBox = DEFAULT_BOX): number {
  const inner = box.width - box.left - box.right
  if (count <= 1) return round(box.left + inner / 2)
  return round(box.left + (inner * index) / (count - 1))
}

/** y for a score (clamped to 0-10): 0 at the bottom of the plot, 10 at the top. */
export function yAt(value: number, box: ChartBox = DEFAULT_BOX, min = SCORE_MIN, max = SCORE_MAX): number {
  const clamped = Math.min(max, Math.max(min, value))
  const inner = box.height - box.top - box.bottom
  return round(box.top + inner * (1 - (clamped - min) / (max - min)))
}

/** The points that have values, placed in the box. */
export function plotPoints(values: readonly (number | null | undefined)[], box: ChartBox = DEFAULT_BOX): PlotPoint[] {
  const out: PlotPoint[] = []
  values.forEach((value, index) => {
    if (value === null || value === undefined || Number.isNaN(value)) return
    out.push({ index, value, x: xAt(index, values.length, box), y: yAt(value, box) })
  })
  return out
}

/**
 * An SVG path through the values, starting a new segment after each gap so
 * missing days are not bridged. Returns '' when there is nothing to draw.
 */
export function linePath(values: readonly (number | null | undefined)[], box: ChartBox = DEFAULT_BOX): string {
  const parts: string[] = []
  let drawing = false
  values.forEach((value, index) => {
    if (value === null || value === undefined || Number.isNaN(value)) {
      drawing = false
      return
    }
    const command = drawing ? 'L' : 'M'
    parts.push(`${command}${xAt(index, values.length, box)} ${yAt(value, box)}`)
    drawing = true
  })
  return parts.join(' ')
}

/** Horizontal grid lines at these scores. */
export const GRID_SCORES = [0, 5, 10]

/** Which indexes get an x-axis label: first and last, and evenly spaced ones between, up to maxLabels. */
export function labelIndexes(count: number, maxLabels = 3): number[] {
  if (count <= 0) return []
  if (count === 1) return [0]
  const slots = Math.max(2, Math.min(maxLabels, count))
  const out = new Set<number>()
  for (let i = 0; i < slots; i += 1) out.add(Math.round((i * (count - 1)) / (slots - 1)))
  return [...out]
}

/** Mean of the values that exist, or null. */
export function meanOf(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v))
  if (present.length === 0) return null
  return present.reduce((sum, v) => sum + v, 0) / present.length
}

/** The last value that exists, or null. */
export function lastOf(values: readonly (number | null | undefined)[]): number | null {
  for (let i = values.length - 1; i >= 0; i -= 1) {
    const v = values[i]
    if (typeof v === 'number' && !Number.isNaN(v)) return v
  }
  return null
}

/** A score for people: one decimal, no trailing ".0". */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–'
  return (Math.round(value * 10) / 10).toString()
}
