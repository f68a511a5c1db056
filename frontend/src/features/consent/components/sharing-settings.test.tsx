import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { SharingSettings } from './sharing-settings'

const CONSENTS = {
  given: [
    { viewer_id: 3, viewer_role: 'therapist', category: 'checkins', granted: false, fixed: false, is_default: true, expires_at: null, changed_at: null },
    { viewer_id: 2, viewer_role: 'repairing', category: 'checkins', granted: true, fixed: false, is_default: true, expires_at: null, changed_at: null },
  ],
  received: [],
  history: [],
}

beforeEach(() => forgetCsrfToken())

describe('SharingSettings', () => {
  it('asks how long before sharing, then sends the grant with its end time', async () => {
    const mock = mockFetch({ 'GET /spaces/7/consents': { body: CONSENTS }, 'PUT /spaces/7/consents/3/checkins': { body: CONSENTS } })
    renderWithApp(<SharingSettings />, { me: SAM })
    await userEvent.click(await screen.findByRole('switch', { name: 'Share Check-in scores with Dr. Rivera' }))
    expect(screen.getByRole('heading', { name: 'Share check-in scores with Dr. Rivera?' })).toHaveFocus()
    await userEvent.click(screen.getByRole('radio', { name: 'For one week' }))
    await userEvent.click(screen.getByRole('button', { name: 'Share' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    const body = mock.unsafe()[0].body as { granted: boolean; expires_at: string }
    expect(body.granted).toBe(true)
    const days = (new Date(body.expires_at).getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThan(7.1)
    expect(await screen.findByText('Now sharing check-in scores with Dr. Rivera.')).toBeInTheDocument()
  })

  it('stops sharing at once, without a confirmation step', async () => {
    const mock = mockFetch({ 'GET /spaces/7/consents': { body: CONSENTS }, 'PUT /spaces/7/consents/2/checkins': { body: CONSENTS } })
    renderWithApp(<SharingSettings />, { me: SAM })
    await userEvent.click(await screen.findByRole('switch', { name: 'Share Check-in scores with Alex' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toEqual({ granted: false, expires_at: null })
    expect(await screen.findByText('Stopped sharing check-in scores with Alex.')).toBeInTheDocument()
  })
})
