import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import { disconnectLive } from '../../../lib/socket'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { ResetPasswordForm } from './reset-password-form'

vi.mock('../../../lib/socket', () => ({ connectLive: vi.fn(() => Promise.resolve()), disconnectLive: vi.fn() }))

beforeEach(() => {
  forgetCsrfToken()
  vi.mocked(disconnectLive).mockClear()
})

async function choose(password: string) {
  await userEvent.type(screen.getByLabelText(/New password/), password)
  await userEvent.click(screen.getByRole('button', { name: 'Save my new password' }))
}

describe('ResetPasswordForm', () => {
  it('posts the token with the new password and forgets who was logged in here', async () => {
    const mock = mockFetch({
      'GET /auth/csrf': { body: { csrf_token: 't' } },
      'POST /auth/password-reset/confirm': { status: 204 },
    })
    const onDone = vi.fn()
    const { client } = renderWithApp(<ResetPasswordForm token="the-token" onDone={onDone} />)
    client.setQueryData(keys.me, SAM)
    await choose('a brand new passphrase')
    await waitFor(() => expect(onDone).toHaveBeenCalled())
    expect(mock.unsafe()[0].body).toEqual({ token: 'the-token', new_password: 'a brand new passphrase' })
    expect(client.getQueryData(keys.me)).toBeNull()
    expect(disconnectLive).toHaveBeenCalled()
  })

  it('says kindly when the link has expired or was used', async () => {
    mockFetch({
      'GET /auth/csrf': { body: { csrf_token: 't' } },
      'POST /auth/password-reset/confirm': problem(410, 'This link has expired or was already used.'),
    })
    renderWithApp(<ResetPasswordForm token="old" onDone={vi.fn()} />)
    await choose('a brand new passphrase')
    expect(await screen.findByRole('alert')).toHaveTextContent('You can ask for a new one')
  })
})
