import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { todayIn } from '../../../lib/dates'
import { mockFetch } from '../../../test/fetch-mock'
import { ALEX, renderWithApp } from '../../../test/render'
import { CommitmentDetailView } from './commitment-detail'

const today = todayIn('UTC')
const DISPUTED = {
  id: 40,
  commitment_id: 9,
  period_start: today,
  outcome: 'kept',
  note: null,
  created_at: `${today}T10:00:00Z`,
  review: { id: 1, check_id: 40, verdict: 'disputed', note: 'I saw a message.', created_at: `${today}T11:00:00Z`, author_id: 1 },
  replies: [],
}
const COMMITMENT = {
  id: 9,
  space_id: 7,
  author_id: 2,
  title: 'No contact with J.',
  description: null,
  cadence: 'daily',
  starts_on: today,
  created_at: `${today}T09:00:00Z`,
  status: 'active',
  reliability: 0.05,
  streak: 1,
  current_check: DISPUTED,
  checks: [DISPUTED],
  status_history: [],
}

afterEach(() => vi.unstubAllGlobals())

describe('CommitmentDetailView, for the repairing partner under a dispute', () => {
  it('keeps "Withdraw it" closed until asked for, below a way to answer the dispute', async () => {
    mockFetch({ 'GET /spaces/7/commitments/9': { body: COMMITMENT } })
    renderWithApp(<CommitmentDetailView id={9} />, { me: ALEX })
    expect(await screen.findByText(/I saw a message\./)).toBeInTheDocument()
    expect(screen.getByText('Reply to Sam')).toBeInTheDocument()
    const withdraw = screen.getByText('Withdraw it')
    expect(withdraw).not.toBeVisible()
    await userEvent.click(screen.getByText('Change this commitment’s status…'))
    expect(withdraw).toBeVisible()
  })
})
