import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LineChart } from './line-chart'

describe('LineChart', () => {
  it('is an image with a title and a summary for screen readers', () => {
    render(
      <LineChart
        title="Felt safety by day"
        description="Average 5, lowest 2, highest 8."
        xLabels={['Mon', 'Tue', 'Wed']}
        series={[{ label: 'Each day', tone: 'felt', values: [2, null, 8], dots: true }]}
      />,
    )
    const chart = screen.getByRole('img', { name: /Felt safety by day/ })
    expect(chart).toHaveAccessibleName(expect.stringContaining('Average 5, lowest 2, highest 8.'))
    expect(chart.querySelectorAll('circle')).toHaveLength(2)
    expect(chart.querySelector('path')?.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ M[\d.]+ [\d.]+$/)
  })

  it('uses no inline style attributes (the CSP forbids them)', () => {
    const { container } = render(
      <LineChart title="t" description="d" xLabels={['a', 'b']} series={[{ label: 'x', tone: 'rolling', values: [1, 2] }]} />,
    )
    expect(container.querySelector('[style]')).toBeNull()
  })
})
