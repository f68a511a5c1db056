import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../lib/api-client'
import { mockFetch, problem } from '../test/fetch-mock'
import { SAM, SPACE, renderWithApp } from '../test/render'
import { AppRoutes } from './routes'

beforeEach(() => forgetCsrfToken())

describe('AppRoutes', () => {
  it('shows the login page, with quick exit and safety help, to someone logged out', async () => {
    mockFetch({ 'GET /auth/me': problem(401, 'Please log in.') })
    renderWithApp(<AppRoutes />, { path: '/record' })
    expect(await screen.findByRole('heading', { name: 'Welcome to Mend', level: 1 })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Quick exit/ })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Where to find help' })).toBeInTheDocument()
    expect(screen.getByRole('main')).toBeInTheDocument()
  })

  it('opens the hurt partner’s home straight after logging in', async () => {
    const mock = mockFetch({
      'GET /auth/me': problem(401, 'Please log in.'),
      'POST /auth/login': { body: SAM },
      'GET /spaces': { body: { items: [SPACE] } },
    })
    renderWithApp(<AppRoutes />, { path: '/login' })
    await userEvent.type(await screen.findByLabelText('Email'), 'sam@example.org')
    await userEvent.type(screen.getByLabelText('Password'), 'a-good-password')
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))
    expect(await screen.findByRole('heading', { name: 'Hello, Sam', level: 1 })).toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent('Sharing')
    expect(mock.calls.find((c) => c.path === '/auth/login')?.body).toEqual({ email: 'sam@example.org', password: 'a-good-password' })
    // Nothing about the person is kept on the device.
    expect(localStorage.length).toBe(0)
    expect(sessionStorage.length).toBe(0)
  })

  it('shows a failed login’s message in plain words', async () => {
    mockFetch({
      'GET /auth/me': problem(401, 'Please log in.'),
      'POST /auth/login': problem(401, 'That email and password don’t match an account.'),
    })
    renderWithApp(<AppRoutes />, { path: '/login' })
    await userEvent.type(await screen.findByLabelText('Email'), 'sam@example.org')
    await userEvent.type(screen.getByLabelText('Password'), 'wrong')
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password don’t match an account.')
  })

  it('sends a partner without a space to set one up', async () => {
    mockFetch({ 'GET /auth/me': { body: SAM }, 'GET /spaces': { body: { items: [] } } })
    renderWithApp(<AppRoutes />)
    expect(await screen.findByRole('heading', { name: 'Set up your shared space', level: 1 })).toBeInTheDocument()
    // "Were you given a code?" comes first, so nobody makes a second space by mistake.
    expect(screen.getByRole('group', { name: 'Were you given a code?' })).toBeInTheDocument()
    expect(screen.queryByRole('radio', { name: /I was hurt/ })).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Yes, I have a code' }))
    expect(screen.getByLabelText('Invite code')).toBeInTheDocument()
    expect(screen.getByText(/check-in scores are shared with your partner by default/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'No, we are starting here' }))
    expect(screen.getByRole('radio', { name: /I was hurt/ })).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: /I broke trust/ })).toBeInTheDocument()
  })

  it('returns to the login page when the session ends after a logout', async () => {
    const mock = mockFetch({
      'GET /auth/me': { body: SAM },
      'GET /spaces': { body: { items: [SPACE] } },
      'POST /auth/logout': { status: 204 },
    })
    renderWithApp(<AppRoutes />)
    await screen.findByRole('heading', { name: 'Hello, Sam', level: 1 })
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }))
    expect(await screen.findByRole('heading', { name: 'Welcome to Mend', level: 1 })).toBeInTheDocument()
    expect(mock.calls.some((c) => c.method === 'POST' && c.path === '/auth/logout')).toBe(true)
  })
})
