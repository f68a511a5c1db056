import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { todayIn } from '../../../lib/dates'
import { mockFetch } from '../../../test/fetch-mock'
import { SAM, SPACE, renderWithApp } from '../../../test/render'
import { ChecksToReview } from './checks-to-review'

const today = todayIn('UTC')
const ITEM = {
  id: 40,
  commitment_id: 9,
  commitment_title: 'No contact with J.',
  cadence: 'daily',
  period_start: today,
  outcome: 'kept',
  note: null,
  created_at: `${today}T10:00:00Z`,
  review: null,
  replies: [],
}
const LIST = 'GET /spaces/7/checks/awaiting-review'

beforeEach(() => forgetCsrfToken())

describe('ChecksToReview', () => {
  it('lists unreviewed reports and sends a dispute with its note', async () => {
    const mock = mockFetch({
      [LIST]: { body: { items: [ITEM], next_before: null } },
      'POST /spaces/7/commitments/9/checks/40/review': { status: 201, body: { id: 1 } },
    })
    renderWithApp(<ChecksToReview />, { me: SAM })
    expect(await screen.findByRole('link', { name: 'No contact with J.' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'That doesn’t match what I saw…' }))
    await userEvent.type(screen.getByLabelText('What doesn’t ring true?'), 'I saw a message.')
    await userEvent.click(screen.getByRole('button', { name: 'Send my dispute' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toEqual({ verdict: 'disputed', note: 'I saw a message.' })
    const status = screen.getByRole('status')
    await waitFor(() => expect(status).toHaveTextContent('Your dispute is saved and shared.'))
    expect(status).toHaveFocus()
  })

  it('says there is nothing waiting, without pressing', async () => {
    mockFetch({ [LIST]: { body: { items: [], next_before: null } } })
    renderWithApp(<ChecksToReview />, { me: SAM })
    expect(await screen.findByText('Nothing waiting for you.')).toBeInTheDocument()
    expect(screen.getByText(/Only if you want to/)).toBeInTheDocument()
  })

  it('names the partner in lower case mid-sentence when there is no name to use', async () => {
    mockFetch({ [LIST]: { body: { items: [], next_before: null } } })
    const alone = { ...SPACE, members: SPACE.members.filter((m) => m.role !== 'repairing') }
    renderWithApp(<ChecksToReview />, { me: SAM, space: alone })
    expect(await screen.findByText(/When your partner reports on a commitment/)).toBeInTheDocument()
    expect(screen.queryByText(/When Your partner/)).toBeNull()
  })

  it('links home to the full list when more are waiting', async () => {
    const mock = mockFetch({ [LIST]: { body: { items: [ITEM], next_before: 40 } } })
    renderWithApp(<ChecksToReview />, { me: SAM })
    expect(await screen.findByRole('link', { name: 'See every report waiting for you' })).toHaveAttribute('href', '/reviews')
    expect(mock.calls.find((c) => c.path.startsWith('/spaces/7/checks/awaiting-review'))?.path).toContain('limit=5')
  })

  it('pages through older reports with before=', async () => {
    const older = { ...ITEM, id: 12, commitment_title: 'Phone stays open' }
    const mock = mockFetch({
      [LIST]: (call) =>
        call.path.includes('before=40')
          ? { body: { items: [older], next_before: null } }
          : { body: { items: [ITEM], next_before: 40 } },
    })
    renderWithApp(<ChecksToReview paged />, { me: SAM })
    await userEvent.click(await screen.findByRole('button', { name: 'Show earlier reports' }))
    expect(await screen.findByRole('link', { name: 'Phone stays open' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'No contact with J.' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Show earlier reports' })).not.toBeInTheDocument()
    expect(mock.calls.some((c) => c.path.includes('before=40'))).toBe(true)
  })
})
