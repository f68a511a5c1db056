import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { RevisionHistory } from './revision-history'

const REVISIONS = [
  { number: 1, title: 'The messages', body: 'It ended in March.', reason: null, created_at: '2026-09-01T10:00:00Z', acknowledged_at: '2026-09-02T09:00:00Z' },
  { number: 2, title: 'The messages', body: 'It ended in June.', reason: 'I said March; it was June.', created_at: '2026-09-05T10:00:00Z', acknowledged_at: null },
]

describe('RevisionHistory', () => {
  it('shows each amendment’s old and new text side by side, with the reason', () => {
    render(<RevisionHistory revisions={REVISIONS} timeZone="UTC" />)
    const before = screen.getByRole('region', { name: 'Before amendment 1' })
    const after = screen.getByRole('region', { name: 'After amendment 1' })
    expect(before).toHaveTextContent('It ended in March.')
    expect(after).toHaveTextContent('It ended in June.')
    expect(within(before).getByText('March.').tagName).toBe('DEL')
    expect(within(after).getByText('June.').tagName).toBe('INS')
    expect(screen.getByText('I said March; it was June.')).toBeInTheDocument()
  })

  it('keeps in the history which words were taken in before the amendment', () => {
    render(<RevisionHistory revisions={REVISIONS} timeZone="UTC" />)
    expect(screen.getByText(/The words before this amendment were taken in on/)).toBeInTheDocument()
  })

  it('says so when there has been no amendment', () => {
    render(<RevisionHistory revisions={REVISIONS.slice(0, 1)} timeZone="UTC" />)
    expect(screen.getByText(/has not been amended/)).toBeInTheDocument()
  })
})
