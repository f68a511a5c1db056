import { describe, expect, it } from 'vitest'
import { DEFAULT_BOX, formatScore, labelIndexes, lastOf, linePath, meanOf, plotPoints, xAt, yAt, type ChartBox } from './chart-math'

const BOX: ChartBox = { width: 110, height: 120, top: 10, right: 0, bottom: 10, left: 10 }

describe('scales', () => {
  it('spreads indexes evenly from the left edge to the right edge of the plot', () => {
    expect(xAt(0, 11, BOX)).toBe(10)
    expect(xAt(5, 11, BOX)).toBe(60)
    expect(xAt(10, 11, BOX)).toBe(110)
  })

  it('centres a single point', () => {
    expect(xAt(0, 1, BOX)).toBe(60)
  })

  it('puts 0 at the bottom and 10 at the top, clamping anything outside', () => {
    expect(yAt(0, BOX)).toBe(110)
    expect(yAt(10, BOX)).toBe(10)
    expect(yAt(5, BOX)).toBe(60)
    expect(yAt(-3, BOX)).toBe(110)
    expect(yAt(14, BOX)).toBe(10)
  })
})

describe('linePath', () => {
  it('draws one segment through consecutive values', () => {
    expect(linePath([0, 5, 10], { ...BOX, width: 30, left: 10 })).toBe('M10 110 L20 60 L30 10')
  })

  it('breaks the line at missing values instead of bridging them', () => {
    const path = linePath([2, null, 4, 6], { ...BOX, width: 40, left: 10 })
    expect(path).toBe('M10 90 M30 70 L40 50')
    expect(path.match(/M/g)).toHaveLength(2)
  })

  it('is empty when there is nothing to draw', () => {
    expect(linePath([null, null])).toBe('')
    expect(linePath([])).toBe('')
  })

  it('rounds coordinates to two decimals', () => {
    const path = linePath([1 / 3, 2 / 3], DEFAULT_BOX)
    for (const n of path.replace(/[ML]/g, ' ').trim().split(/\s+/)) {
      expect(n).toMatch(/^\d+(\.\d{1,2})?$/)
    }
  })
})

describe('plotPoints and summaries', () => {
  it('keeps the index of each present value', () => {
    expect(plotPoints([null, 3, undefined, 7]).map((p) => p.index)).toEqual([1, 3])
  })

  it('computes the mean and last of present values', () => {
    expect(meanOf([2, null, 4])).toBe(3)
    expect(meanOf([null])).toBeNull()
    expect(lastOf([1, 2, null])).toBe(2)
  })

  it('formats scores with at most one decimal', () => {
    expect(formatScore(5.4444)).toBe('5.4')
    expect(formatScore(6)).toBe('6')
    expect(formatScore(null)).toBe('–')
  })

  it('labels the first and last days, and evenly spaced ones between', () => {
    expect(labelIndexes(30)).toEqual([0, 15, 29])
    expect(labelIndexes(30, 2)).toEqual([0, 29])
    expect(labelIndexes(3, 9)).toEqual([0, 1, 2])
    expect(labelIndexes(1)).toEqual([0])
    expect(labelIndexes(0)).toEqual([])
  })
})
