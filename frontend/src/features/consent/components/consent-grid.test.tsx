import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { ConsentGiven } from '../../../lib/types'
import { expiryFor, viewersOf } from '../grants'
import { ConsentGrid } from './consent-grid'

function grant(viewer_id: number, viewer_role: string, category: string, granted: boolean, extra: Partial<ConsentGiven> = {}): ConsentGiven {
  return { viewer_id, viewer_role, category, granted, fixed: false, is_default: true, expires_at: null, changed_at: null, ...extra }
}

const GIVEN: ConsentGiven[] = [
  grant(3, 'therapist', 'checkins', false),
  grant(3, 'therapist', 'checkin_notes', false),
  grant(3, 'therapist', 'disclosures', true, { is_default: false, expires_at: '2026-12-01T12:00:00Z' }),
  grant(3, 'therapist', 'commitments', false),
  grant(1, 'hurt', 'checkins', true),
  grant(1, 'hurt', 'checkin_notes', false),
  grant(1, 'hurt', 'disclosures', true, { fixed: true }),
  grant(1, 'hurt', 'commitments', true, { fixed: true }),
]
const NAMES: Record<number, string> = { 1: 'Sam', 3: 'Dr. Rivera' }

function renderGrid(onGrant = vi.fn(), onRevoke = vi.fn()) {
  const viewers = viewersOf(GIVEN, (id) => NAMES[id])
  render(<ConsentGrid given={GIVEN} viewers={viewers} timeZone="UTC" onGrant={onGrant} onRevoke={onRevoke} />)
  return { onGrant, onRevoke }
}

describe('ConsentGrid', () => {
  it('puts the partner first, then therapists, as columns', () => {
    renderGrid()
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['Your data', 'SamHurt partner', 'Dr. RiveraTherapist'])
  })

  it('has one row per category with plain labels', () => {
    renderGrid()
    const rows = screen.getAllByRole('rowheader').map((h) => h.firstChild?.textContent)
    expect(rows).toEqual(['Check-in scores', 'Check-in notes', 'Disclosures and replies', 'Commitments and reviews', 'Questionnaires'])
  })

  it('shows fixed shares as always shared, with no switch', () => {
    renderGrid()
    const row = screen.getByRole('rowheader', { name: /Disclosures and replies/ }).closest('tr')!
    expect(within(row).getByText('Always shared')).toBeInTheDocument()
    expect(within(row).getAllByRole('switch')).toHaveLength(1) // only the therapist's cell
    expect(within(row).getByText(/it ends if you leave the space/)).toBeInTheDocument()
  })

  it('shows each switch’s state, and an end date where there is one', () => {
    renderGrid()
    expect(screen.getByRole('switch', { name: 'Share Check-in scores with Sam' })).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByRole('switch', { name: 'Share Check-in scores with Dr. Rivera' })).toHaveAttribute('aria-checked', 'false')
    const cell = screen.getByRole('switch', { name: 'Share Disclosures and replies with Dr. Rivera' }).closest('td')!
    expect(within(cell).getByText(/^until /)).toBeInTheDocument()
  })

  it('asks to grant when a share is off and revokes at once when it is on', async () => {
    const { onGrant, onRevoke } = renderGrid()
    await userEvent.click(screen.getByRole('switch', { name: 'Share Check-in notes with Dr. Rivera' }))
    expect(onGrant).toHaveBeenCalledWith(expect.objectContaining({ id: 3, name: 'Dr. Rivera' }), 'checkin_notes')
    await userEvent.click(screen.getByRole('switch', { name: 'Share Check-in scores with Sam' }))
    expect(onRevoke).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }), 'checkins')
  })
})

describe('expiryFor', () => {
  const now = new Date('2026-11-26T10:00:00Z')
  it('is null for "until I stop it"', () => expect(expiryFor('none', '', now)).toBeNull())
  it('adds whole days', () => expect(expiryFor('7', '', now)).toBe('2026-12-03T10:00:00.000Z'))
  it('refuses a missing or past date', () => {
    expect(expiryFor('date', '', now)).toBe('invalid')
    expect(expiryFor('date', '2026-01-01', now)).toBe('invalid')
  })
  it('ends at the close of a chosen day', () => {
    const value = expiryFor('date', '2026-12-24', now)
    expect(value).not.toBe('invalid')
    expect(new Date(value as string).getTime()).toBeGreaterThan(now.getTime())
  })
})
