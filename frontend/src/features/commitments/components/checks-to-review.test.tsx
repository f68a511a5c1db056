import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { todayIn } from '../../../lib/dates'
import { mockFetch } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { ChecksToReview } from './checks-to-review'

const today = todayIn('UTC')
const CHECK = { id: 40, commitment_id: 9, period_start: today, outcome: 'kept', note: null, created_at: `${today}T10:00:00Z`, review: null }
const COMMITMENT = {
  id: 9,
  space_id: 7,
  author_id: 2,
  title: 'No contact with J.',
  description: null,
  cadence: 'daily',
  starts_on: '2026-01-01',
  created_at: '2026-01-01T00:00:00Z',
  status: 'active',
  reliability: 0.8,
  streak: 3,
  current_check: CHECK,
}

beforeEach(() => forgetCsrfToken())

describe('ChecksToReview', () => {
  it('lists unreviewed reports and sends a dispute with its note', async () => {
    const mock = mockFetch({
      'GET /spaces/7/commitments': { body: { items: [COMMITMENT], next_before: null } },
      'GET /spaces/7/commitments/9': { body: { ...COMMITMENT, checks: [CHECK], status_history: [] } },
      'POST /spaces/7/commitments/9/checks/40/review': { status: 201, body: { id: 1 } },
    })
    renderWithApp(<ChecksToReview />, { me: SAM })
    expect(await screen.findByRole('link', { name: 'No contact with J.' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'That doesn’t match what I saw…' }))
    await userEvent.type(screen.getByLabelText('What doesn’t ring true?'), 'I saw a message.')
    await userEvent.click(screen.getByRole('button', { name: 'Send my dispute' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toEqual({ verdict: 'disputed', note: 'I saw a message.' })
  })

  it('says there is nothing waiting, without pressing', async () => {
    mockFetch({ 'GET /spaces/7/commitments': { body: { items: [], next_before: null } } })
    renderWithApp(<ChecksToReview />, { me: SAM })
    expect(await screen.findByText('Nothing waiting for you.')).toBeInTheDocument()
    expect(screen.getByText(/Only if you want to/)).toBeInTheDocument()
  })
})
