import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
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

beforeEach(() => forgetCsrfToken())

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

  it('moves focus to the thanks and announces the saving once the form gives way', async () => {
    let saved = false
    mockFetch({
      'GET /spaces/7/checkins': () => ({ body: { items: saved ? [TODAYS] : [], next_before: null } }),
      'POST /spaces/7/checkins': () => {
        saved = true
        return { status: 201, body: TODAYS }
      },
    })
    renderWithApp(<TodayCheckin />, { me: SAM })
    await userEvent.type(await screen.findByLabelText(/In your own words/), 'A quiet evening.')
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    const thanks = await screen.findByText('You checked in today. Thank you.')
    await waitFor(() => expect(thanks).toHaveFocus())
    expect(screen.getByRole('status')).toHaveTextContent('Your check-in is saved.')
  })
})
