import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { renderWithApp } from '../../../test/render'
import { DeleteAccount } from './delete-account'

beforeEach(() => forgetCsrfToken())

async function confirmWith(password: string) {
  await userEvent.click(screen.getByRole('button', { name: 'Delete my account…' }))
  await userEvent.type(screen.getByLabelText('Your password, to confirm'), password)
  await userEvent.click(screen.getByRole('button', { name: 'Delete my account for good' }))
}

describe('DeleteAccount', () => {
  it('explains what happens before anything is asked', () => {
    mockFetch({})
    renderWithApp(<DeleteAccount onDeleted={vi.fn()} />)
    expect(screen.getByText(/can’t be undone/)).toBeInTheDocument()
    expect(screen.getByText(/keeps only a fingerprint/)).toBeInTheDocument()
  })

  it('speaks to a therapist about their notes and couples, not about a partner', () => {
    mockFetch({})
    renderWithApp(<DeleteAccount therapist onDeleted={vi.fn()} />)
    expect(screen.getByText(/private notes on each couple/)).toBeInTheDocument()
    expect(screen.queryByText(/partner/)).toBeNull()
    expect(screen.getByText(/can’t be undone/)).toBeInTheDocument()
  })

  it('shows a wrong password next to the password field', async () => {
    mockFetch({
      'DELETE /account': problem(403, 'That password doesn’t match. Nothing was deleted.', undefined, 'urn:mend:problem:wrong-password'),
    })
    renderWithApp(<DeleteAccount onDeleted={vi.fn()} />)
    await confirmWith('nope')
    await waitFor(() =>
      expect(screen.getByLabelText('Your password, to confirm')).toHaveAccessibleDescription(
        'That password doesn’t match. Nothing was deleted.',
      ),
    )
  })

  it('sends the password and reports back when the account is gone', async () => {
    const onDeleted = vi.fn()
    const mock = mockFetch({ 'DELETE /account': { status: 204 } })
    renderWithApp(<DeleteAccount onDeleted={onDeleted} />)
    await confirmWith('my long passphrase')
    await waitFor(() => expect(onDeleted).toHaveBeenCalled())
    expect(mock.unsafe()[0].body).toEqual({ password: 'my long passphrase' })
  })
})
