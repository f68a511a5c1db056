import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SPACE } from '../../../test/render'
import { FormerPartners } from './former-partners'

describe('FormerPartners', () => {
  it('tells the therapist when a partner left, or deleted their account', () => {
    const members = [
      { ...SPACE.members[0], left_at: '2026-11-02T10:00:00Z' },
      { ...SPACE.members[1], user_id: null, display_name: 'A former member', left_at: '2026-11-03T10:00:00Z' },
      SPACE.members[2],
    ]
    render(<FormerPartners space={{ ...SPACE, members }} timeZone="UTC" />)
    expect(screen.getByText(/Sam \(Hurt partner\) left the space on/)).toBeInTheDocument()
    expect(screen.getByText(/The repairing partner deleted their account on/)).toBeInTheDocument()
    expect(screen.queryByText(/Dr. Rivera/)).toBeNull()
  })
})
