import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { renderWithApp } from '../../../test/render'
import { SecuritySettings } from './security-settings'

const OFF = { totp: false, passkeys: [], recovery_codes_left: 0, required: false }
const CODES = Array.from({ length: 10 }, (_, i) => `AAAA${i}-BBBBB`)

beforeEach(() => forgetCsrfToken())

describe('SecuritySettings', () => {
  it('sets up an authenticator app: password, QR code, first code, then the recovery codes once', async () => {
    let status = OFF
    const mock = mockFetch({
      'GET /auth/mfa': () => ({ body: status }),
      'POST /auth/mfa/totp': { body: { secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/Mend:sam?secret=JBSWY3DPEHPK3PXP&issuer=Mend' } },
      'POST /auth/mfa/totp/confirm': () => {
        status = { ...OFF, totp: true, recovery_codes_left: 10 }
        return { body: { recovery_codes: CODES } }
      },
    })
    renderWithApp(<SecuritySettings />)
    const app = await screen.findByRole('region', { name: 'Authenticator app' })
    await userEvent.click(within(app).getByRole('button', { name: 'Set up an authenticator app' }))
    await userEvent.type(within(app).getByLabelText('Your password'), 'my password')
    await userEvent.click(within(app).getByRole('button', { name: 'Set up an authenticator app' }))
    expect(await within(app).findByRole('img', { name: /QR code/ })).toBeInTheDocument()
    expect(within(app).getByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument()
    await userEvent.type(within(app).getByLabelText('The six-digit code your app shows now'), '123 456')
    await userEvent.click(within(app).getByRole('button', { name: 'Turn it on' }))
    const codes = await within(app).findByRole('list', { name: 'Recovery codes' })
    expect(within(codes).getAllByRole('listitem')).toHaveLength(10)
    expect(mock.calls.find((c) => c.path === '/auth/mfa/totp')?.body).toEqual({ password: 'my password' })
    expect(mock.calls.find((c) => c.path === '/auth/mfa/totp/confirm')?.body).toEqual({ code: '123456' })
    expect(await screen.findByRole('region', { name: 'Recovery codes' })).toHaveTextContent('You have 10 unused')
  })

  it('shows a wrong password next to the password field', async () => {
    mockFetch({
      'GET /auth/mfa': { body: OFF },
      'POST /auth/mfa/totp': problem(403, "That isn't your password.", { password: ["That isn't your password."] }),
    })
    renderWithApp(<SecuritySettings />)
    const app = await screen.findByRole('region', { name: 'Authenticator app' })
    await userEvent.click(within(app).getByRole('button', { name: 'Set up an authenticator app' }))
    await userEvent.type(within(app).getByLabelText('Your password'), 'wrong')
    await userEvent.click(within(app).getByRole('button', { name: 'Set up an authenticator app' }))
    expect(await within(app).findByText("That isn't your password.")).toBeInTheDocument()
    expect(within(app).queryByRole('img')).not.toBeInTheDocument()
  })
})
