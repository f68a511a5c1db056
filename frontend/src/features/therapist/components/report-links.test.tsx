import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ReportLinks } from './report-links'

describe('ReportLinks', () => {
  it('offers the report since the last session', () => {
    render(<ReportLinks spaceId={7} timeZone="UTC" />)
    const link = screen.getByRole('link', { name: /Report since your last session/ })
    expect(link.getAttribute('href')).toBe('/api/v1/spaces/7/report?format=html&since=last-session')
  })
})
