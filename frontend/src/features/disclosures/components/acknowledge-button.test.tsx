import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mockFetch } from '../../../test/fetch-mock'
import { renderWithApp } from '../../../test/render'
import type { Disclosure } from '../../../lib/types'
import { AcknowledgeButton } from './acknowledge-button'

const AMENDED: Disclosure = {
  id: 4,
  space_id: 7,
  author_id: 2,
  category: 'contact',
  occurred_on: null,
  title: 'The messages',
  body: 'It ended in June.',
  created_at: '2026-09-01T10:00:00Z',
  updated_at: '2026-09-05T10:00:00Z',
  revision_count: 2,
  response_count: 0,
  acknowledged_at: null,
  held: false,
}

describe('AcknowledgeButton', () => {
  it('says an amendment is waiting, and takes in the revision that was read', async () => {
    const mock = mockFetch({ 'POST /spaces/7/disclosures/4/acknowledge': { body: {} } })
    renderWithApp(<AcknowledgeButton spaceId={7} disclosure={AMENDED} timeZone="UTC" />)
    expect(screen.getByText(/This was amended on/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'I have taken in the amended words' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toEqual({ revision: 2 })
  })

  it('shows when the current words were taken in', () => {
    renderWithApp(
      <AcknowledgeButton spaceId={7} disclosure={{ ...AMENDED, revision_count: 1, acknowledged_at: '2026-09-02T09:00:00Z' }} timeZone="UTC" />,
    )
    expect(screen.getByText(/You said you had taken this in on/)).toBeInTheDocument()
    expect(screen.queryByRole('button')).toBeNull()
  })
})
