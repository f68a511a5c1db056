import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { AppRoutes } from '../../../app/routes'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { SAM, SPACE, renderWithApp } from '../../../test/render'

beforeEach(() => forgetCsrfToken())

async function passwordStep() {
  renderWithApp(<AppRoutes />, { path: '/login' })
  await userEvent.type(await screen.findByLabelText('Email'), 'sam@example.org')
  await userEvent.type(screen.getByLabelText('Password'), 'a-good-password')
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }))
}

describe('the second login step', () => {
  it('asks for a code after the password, and only then opens the home page', async () => {
    const mock = mockFetch({
      'GET /auth/me': problem(401, 'Please log in.'),
      'POST /auth/login': { body: { mfa_required: true, methods: ['totp', 'recovery_code'] } },
      'POST /auth/mfa/verify': { body: SAM },
      'GET /spaces': { body: { items: [SPACE] } },
    })
    await passwordStep()
    expect(await screen.findByRole('heading', { name: 'One more step' })).toBeInTheDocument()
    expect(mock.calls.some((c) => c.path === '/spaces')).toBe(false)
    await userEvent.type(screen.getByLabelText('The six-digit code from your authenticator app'), '123 456')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('heading', { name: 'Hello, Sam', level: 1 })).toBeInTheDocument()
    expect(mock.calls.find((c) => c.path === '/auth/mfa/verify')?.body).toEqual({ code: '123456' })
  })

  it('takes a recovery code instead, and shows a refused one in plain words', async () => {
    const mock = mockFetch({
      'GET /auth/me': problem(401, 'Please log in.'),
      'POST /auth/login': { body: { mfa_required: true, methods: ['totp', 'recovery_code'] } },
      'POST /auth/mfa/verify': problem(401, 'That code didn’t work. Please check it and try again.'),
    })
    await passwordStep()
    await userEvent.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }))
    await userEvent.type(screen.getByLabelText('A recovery code'), 'abcde-fghjk')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('That code didn’t work.')
    expect(mock.calls.find((c) => c.path === '/auth/mfa/verify')?.body).toEqual({ recovery_code: 'abcde-fghjk' })
  })
})
