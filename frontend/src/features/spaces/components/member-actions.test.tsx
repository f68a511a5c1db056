import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import type { Member } from '../../../lib/types'
import { mockFetch } from '../../../test/fetch-mock'
import { ALEX, SAM, SPACE, renderWithApp } from '../../../test/render'
import { TherapistActions } from './member-actions'
import { PendingInvites } from './pending-invites'

beforeEach(() => forgetCsrfToken())

const PENDING: Member = { ...SPACE.members[2], pending: true, invited_by_user_id: SAM.id }

describe('TherapistActions', () => {
  it('asks the partner who did not invite the therapist to approve them', async () => {
    const mock = mockFetch({ 'POST /spaces/7/members/3/approve': { status: 200, body: SPACE } })
    renderWithApp(<TherapistActions member={PENDING} />, { me: ALEX })
    await userEvent.click(screen.getByRole('button', { name: 'Approve Dr. Rivera' }))
    expect(mock.unsafe().map((call) => call.path)).toContain('/spaces/7/members/3/approve')
  })

  it('tells the inviting partner they are waiting for the other one, with no approve button', () => {
    mockFetch({})
    renderWithApp(<TherapistActions member={PENDING} />, { me: SAM })
    expect(screen.getByText(/Waiting for Alex to approve/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Approve/ })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Remove Dr. Rivera' })).toBeInTheDocument()
  })
})

describe('PendingInvites', () => {
  it('lists open invitations and withdraws one', async () => {
    const invite = { id: 5, role: 'therapist', created_by: 1, created_at: '2026-01-01T00:00:00Z', expires_at: '2026-01-04T00:00:00Z' }
    const mock = mockFetch({
      'GET /spaces/7/invites': { status: 200, body: { items: [invite] } },
      'DELETE /spaces/7/invites/5': { status: 204 },
    })
    renderWithApp(<PendingInvites />, { me: SAM })
    expect(await screen.findByText(/made by/)).toHaveTextContent('made by you')
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw this invitation' }))
    expect(mock.unsafe().map((call) => call.method)).toContain('DELETE')
  })
})
