import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mockFetch } from '../../../test/fetch-mock'
import { SAM, SPACE, renderWithApp } from '../../../test/render'
import type { Space } from '../../../lib/types'
import { DisclosureTimeline } from './disclosure-timeline'

const LEFT_AT = '2026-11-02T10:00:00+00:00'

function spaceWhereAlex(change: Partial<Space['members'][number]>): Space {
  return { ...SPACE, members: SPACE.members.map((m) => (m.role === 'repairing' ? { ...m, ...change } : m)) }
}

function noDisclosures() {
  mockFetch({ 'GET /spaces/7/disclosures': { body: { items: [], next_before: null } } })
}

afterEach(() => vi.unstubAllGlobals())

describe('DisclosureTimeline, for the hurt partner whose partner is gone', () => {
  it('says their account was deleted, not "No disclosures yet"', async () => {
    noDisclosures()
    renderWithApp(<DisclosureTimeline />, {
      me: SAM,
      space: spaceWhereAlex({ user_id: null, display_name: 'A former member', left_at: LEFT_AT }),
    })
    expect(await screen.findByText('Nothing from your partner can be shown.')).toBeInTheDocument()
    expect(screen.getByText('Their account was deleted, and what they wrote went with it.')).toBeInTheDocument()
    expect(screen.queryByText('No disclosures yet.')).toBeNull()
  })

  it('says they left without writing one', async () => {
    noDisclosures()
    renderWithApp(<DisclosureTimeline />, { me: SAM, space: spaceWhereAlex({ left_at: LEFT_AT }) })
    expect(await screen.findByText('Alex left without writing a disclosure.')).toBeInTheDocument()
    expect(screen.queryByText('No disclosures yet.')).toBeNull()
  })

  it('still waits kindly while the partner is here', async () => {
    noDisclosures()
    renderWithApp(<DisclosureTimeline />, { me: SAM })
    expect(await screen.findByText('No disclosures yet.')).toBeInTheDocument()
    expect(screen.getByText('When Alex writes a disclosure, it appears here.')).toBeInTheDocument()
  })
})
