import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockFetch } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { TodayCheckin } from './today-checkin'

const TODAYS = {
  id: 5,
  space_id: 7,
  author_id: 1,
  author_role: 'hurt',
  felt_safety: 4,
  regulation: null,
  predicted_safety: null,
  note: null,
  note_private: true,
  tags: ['tired'],
  created_at: new Date().toISOString(),
}

describe('TodayCheckin', () => {
  it('asks only for today’s own check-ins', async () => {
    const mock = mockFetch({ 'GET /spaces/7/checkins': { body: { items: [], next_before: null } } })
    renderWithApp(<TodayCheckin />, { me: SAM })
    expect(await screen.findByRole('button', { name: 'Save my check-in' })).toBeInTheDocument()
    const query = new URLSearchParams(mock.calls[0].path.split('?')[1])
    expect(query.get('author_id')).toBe('1')
    expect(query.get('from')).toBe(query.get('to'))
  })

  it('thanks rather than nags once checked in, with no streaks or counts', async () => {
    mockFetch({ 'GET /spaces/7/checkins': { body: { items: [TODAYS], next_before: null } } })
    renderWithApp(<TodayCheckin />, { me: SAM })
    expect(await screen.findByText('You checked in today. Thank you.')).toBeInTheDocument()
    expect(screen.getByText(/felt safety 4/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Add another check-in' })).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(/streak|in a row|badge/i)
  })
})
