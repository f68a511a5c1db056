import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { StopAllSharing } from './stop-all-sharing'

beforeEach(() => forgetCsrfToken())

describe('StopAllSharing', () => {
  it('moves focus to the announcement once everything is stopped', async () => {
    const mock = mockFetch({ 'POST /spaces/7/consents/stop-all': { body: { granted: [], received: [] } } })
    renderWithApp(<StopAllSharing />, { me: SAM })
    await userEvent.click(screen.getByRole('button', { name: 'Stop all sharing…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Yes, stop all sharing' }))
    const status = await screen.findByText('Done. Nothing you can stop sharing is shared any more.')
    await waitFor(() => expect(status).toHaveFocus())
    expect(status).toHaveAttribute('role', 'status')
    expect(mock.unsafe()).toHaveLength(1)
  })
})
