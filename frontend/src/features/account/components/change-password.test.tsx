import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetCsrfToken, getCsrfToken } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import { connectLive, disconnectLive } from '../../../lib/socket'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { ChangePassword } from './change-password'

vi.mock('../../../lib/socket', () => ({ connectLive: vi.fn(() => Promise.resolve()), disconnectLive: vi.fn() }))

beforeEach(() => {
  forgetCsrfToken()
  vi.mocked(connectLive).mockClear()
  vi.mocked(disconnectLive).mockClear()
})

async function change(current: string, next: string) {
  await userEvent.type(screen.getByLabelText('Current password'), current)
  await userEvent.type(screen.getByLabelText('New password'), next)
  await userEvent.click(screen.getByRole('button', { name: 'Change my password' }))
}

describe('ChangePassword', () => {
  it('says plainly that other devices and windows are logged out', () => {
    mockFetch({})
    renderWithApp(<ChangePassword />)
    expect(screen.getByText(/logs you out on every other device/)).toBeInTheDocument()
  })

  it('changes the password, says so, clears the fields and fetches a fresh CSRF token', async () => {
    let tokens = 0
    const mock = mockFetch({
      'GET /auth/csrf': () => ({ body: { csrf_token: `token-${++tokens}` } }),
      'POST /auth/password': { body: SAM },
    })
    const { client } = renderWithApp(<ChangePassword />)
    await change('old passphrase', 'a brand new passphrase')

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your password has been changed.'))
    expect(mock.unsafe()[0].body).toEqual({ current_password: 'old passphrase', new_password: 'a brand new passphrase' })
    expect(mock.unsafe()[0].headers['X-CSRFToken']).toBe('token-1')
    expect(screen.getByLabelText('Current password')).toHaveValue('')
    expect(screen.getByLabelText('New password')).toHaveValue('')
    expect(client.getQueryData(keys.me)).toEqual(SAM)
    expect(disconnectLive).toHaveBeenCalled()
    expect(connectLive).toHaveBeenCalled()

    // The old session's token is gone: the next unsafe request asks for the new session's.
    await expect(getCsrfToken()).resolves.toBe('token-2')
    expect(mock.calls.filter((c) => c.path === '/auth/csrf')).toHaveLength(2)
  })

  it('shows a wrong current password next to that field', async () => {
    mockFetch({
      'POST /auth/password': problem(
        403,
        'That isn’t your current password.',
        { current_password: ['That isn’t your current password.'] },
        'urn:mend:problem:wrong-password',
      ),
    })
    renderWithApp(<ChangePassword />)
    await change('not it', 'a brand new passphrase')
    await waitFor(() =>
      expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('That isn’t your current password.'),
    )
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Current password')).toHaveValue('not it')
  })

  it('shows a too-short new password next to that field', async () => {
    mockFetch({
      'POST /auth/password': problem(422, 'Some fields need attention.', {
        new_password: ['Shorter than minimum length 10.'],
      }),
    })
    renderWithApp(<ChangePassword />)
    await change('old passphrase', 'short')
    await waitFor(() =>
      expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
        expect.stringContaining('Shorter than minimum length 10.'),
      ),
    )
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('shows the detail when there have been too many tries', async () => {
    mockFetch({ 'POST /auth/password': problem(429, 'Too many tries. Please wait a minute.') })
    renderWithApp(<ChangePassword />)
    await change('old passphrase', 'a brand new passphrase')
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many tries. Please wait a minute.')
  })
})
