import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SAM, SPACE, renderWithApp } from '../../test/render'
import type { Space } from '../../lib/types'
import { PartnerMissing } from './partner-missing'

const LEFT_AT = '2026-11-02T10:00:00+00:00'

function spaceWhere(repairing: Partial<Space['members'][number]> | null): Space {
  const members = SPACE.members.filter((m) => m.role !== 'repairing')
  if (repairing) members.push({ ...SPACE.members[1], ...repairing })
  return { ...SPACE, members }
}

describe('PartnerMissing', () => {
  it('says the partner has not joined yet only when nobody has', () => {
    renderWithApp(<PartnerMissing />, { me: SAM, space: spaceWhere(null) })
    expect(screen.getByText(/Your partner hasn’t joined yet/)).toBeInTheDocument()
  })

  it('says plainly when the partner left, and when', () => {
    renderWithApp(<PartnerMissing />, { me: SAM, space: spaceWhere({ left_at: LEFT_AT }) })
    expect(screen.getByText(/Alex left this space on .*2026/)).toBeInTheDocument()
    expect(screen.queryByText(/hasn’t joined yet/)).toBeNull()
  })

  it('says plainly when the partner deleted their account, and what that erased', () => {
    renderWithApp(<PartnerMissing />, {
      me: SAM,
      space: spaceWhere({ user_id: null, display_name: 'A former member', left_at: LEFT_AT }),
    })
    expect(screen.getByText(/Your partner deleted their Mend account on/)).toBeInTheDocument()
    expect(screen.getByText(/can no longer be shown/)).toBeInTheDocument()
    expect(screen.queryByText(/hasn’t joined yet/)).toBeNull()
  })
})
