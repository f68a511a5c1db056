import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import type { Check } from '../../../lib/types'
import { mockFetch } from '../../../test/fetch-mock'
import { ALEX, SAM, renderWithApp } from '../../../test/render'
import { CheckReplies } from './check-replies'

const DISPUTED: Check = {
  id: 40,
  commitment_id: 9,
  period_start: '2026-12-03',
  outcome: 'kept',
  note: null,
  created_at: '2026-12-03T20:00:00Z',
  review: { id: 3, check_id: 40, verdict: 'disputed', note: 'It did not feel kept.', created_at: '2026-12-04T08:00:00Z', author_id: 1 },
  replies: [{ id: 8, check_id: 40, author_id: 1, body: 'Can we talk about it?', created_at: '2026-12-04T08:05:00Z' }],
}

beforeEach(() => forgetCsrfToken())
afterEach(() => sessionStorage.clear())

describe('CheckReplies', () => {
  it('lets the repairing partner answer a dispute, and shows the conversation', async () => {
    const mock = mockFetch({ 'POST /spaces/7/commitments/9/checks/40/replies': { status: 201, body: { id: 9 } } })
    renderWithApp(<CheckReplies check={DISPUTED} />, { me: ALEX })
    expect(screen.getByText('Can we talk about it?')).toBeInTheDocument()
    await userEvent.click(screen.getByText('Reply to Sam'))
    await userEvent.type(screen.getByLabelText(/Your reply/), 'I was home by nine.')
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toEqual({ body: 'I was home by nine.' })
    expect(await screen.findByText('Sent. It is under the check now.')).toBeInTheDocument()
  })

  it('offers no reply before there is a review', () => {
    renderWithApp(<CheckReplies check={{ ...DISPUTED, review: null, replies: [] }} />, { me: SAM })
    expect(screen.queryByText(/Reply/)).toBeNull()
  })
})
