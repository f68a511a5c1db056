import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { InvitePanel } from './invite-panel'

beforeEach(() => forgetCsrfToken())

describe('InvitePanel', () => {
  it('makes a code for the role and shows it once, with a copy button', async () => {
    const mock = mockFetch({
      'POST /spaces/7/invites': { status: 201, body: { code: 'KIND-OTTER-42', role: 'therapist', expires_at: '2026-11-29T10:00:00Z' } },
    })
    renderWithApp(<InvitePanel role="therapist" />, { me: SAM })
    await userEvent.click(screen.getByRole('button', { name: 'Make an invite code for your therapist' }))
    expect(await screen.findByLabelText('Invite code')).toHaveTextContent('KIND-OTTER-42')
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeInTheDocument()
    expect(screen.getByText(/We show this code only now/)).toBeInTheDocument()
    expect(mock.unsafe()[0].body).toEqual({ role: 'therapist' })
  })

  it('says why a code could not be made', async () => {
    mockFetch({ 'POST /spaces/7/invites': problem(409, 'There is already a hurt partner in this space.') })
    renderWithApp(<InvitePanel role="hurt" />, { me: SAM })
    await userEvent.click(screen.getByRole('button', { name: 'Make an invite code for your partner' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('There is already a hurt partner in this space.')
  })
})
