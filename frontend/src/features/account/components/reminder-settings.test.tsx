import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch } from '../../../test/fetch-mock'
import { renderWithApp } from '../../../test/render'
import type { Reminders } from '../api/reminders'
import { ReminderSettings } from './reminder-settings'

beforeEach(() => forgetCsrfToken())

const OFF = { enabled: false, time: '19:00', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Reminders['checkin']['days'] }
const SAVED: Reminders = {
  checkin: OFF,
  commitments: OFF,
  measures: OFF,
  activity: { enabled: true, muted_until: null },
  digest: { enabled: false, day: 'mon', time: '08:00' },
  channels: ['email'],
  quiet_hours: null,
  snoozed_until: null,
}
const MUTED = '2099-01-04T12:00:00+00:00'

describe('ReminderSettings', () => {
  it('offers partners the questionnaire reminder and activity notices, not the digest', async () => {
    mockFetch({ 'GET /account/reminders': { body: SAVED } })
    renderWithApp(<ReminderSettings canReport={false} therapist={false} />)
    expect(await screen.findByLabelText(/Tell me when something new/)).toBeChecked()
    expect(screen.getByLabelText(/short questionnaire is ready/)).not.toBeChecked()
    expect(screen.queryByLabelText(/weekly digest/)).toBeNull()
  })

  it('offers therapists the weekly digest only', async () => {
    mockFetch({ 'GET /account/reminders': { body: SAVED } })
    renderWithApp(<ReminderSettings canReport={false} therapist />)
    expect(await screen.findByLabelText(/Send me a weekly digest/)).not.toBeChecked()
    expect(screen.queryByLabelText(/Tell me when something new/)).toBeNull()
    expect(screen.queryByLabelText('Remind me to check in')).toBeNull()
  })

  it('mutes notices for the chosen days, and saving the form keeps the mute', async () => {
    const mock = mockFetch({
      'GET /account/reminders': { body: SAVED },
      'POST /account/reminders/mute': { body: { ...SAVED, activity: { enabled: true, muted_until: MUTED } } },
      'PUT /account/reminders': (call) => ({ body: call.body }),
    })
    renderWithApp(<ReminderSettings canReport={false} therapist={false} />)
    await userEvent.selectOptions(await screen.findByLabelText('Mute notices for'), '7')
    await userEvent.click(screen.getByRole('button', { name: 'Mute notices' }))
    await screen.findByText(/Notices are muted until/)
    await userEvent.click(screen.getByRole('button', { name: 'Save my reminders' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(2))
    const [mute, save] = mock.unsafe()
    expect(mute.body).toEqual({ days: 7 })
    expect((save.body as Reminders).activity).toEqual({ enabled: true, muted_until: MUTED })
  })
})
