import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch } from '../../../test/fetch-mock'
import { renderWithApp } from '../../../test/render'
import { ForgotPasswordForm } from './forgot-password-form'

beforeEach(() => forgetCsrfToken())

describe('ForgotPasswordForm', () => {
  it('sends the address and gives the same answer whatever it is', async () => {
    const mock = mockFetch({
      'GET /auth/csrf': { body: { csrf_token: 't' } },
      'POST /auth/password-reset': { status: 202, body: { status: 'reset-link-sent' } },
    })
    renderWithApp(<ForgotPasswordForm />)
    await userEvent.type(screen.getByLabelText('Your email'), ' robin@example.org ')
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }))
    expect(await screen.findByText(/If that address has an account/)).toBeInTheDocument()
    expect(mock.unsafe()[0].body).toEqual({ email: 'robin@example.org' })
  })
})
