import { screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ALEX, renderWithApp } from '../../../test/render'
import type { Commitment } from '../../../lib/types'
import { ReliabilityMeter } from './reliability'

const BASE: Commitment = {
  id: 5,
  space_id: 7,
  author_id: 2,
  title: 'Phone open on the table',
  description: null,
  cadence: 'daily',
  starts_on: '2026-12-04',
  created_at: '2026-12-04T09:00:00Z',
  status: 'active',
  reliability: 0,
  streak: 0,
  current_check: null,
} as Commitment

describe('ReliabilityMeter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-04T15:00:00Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('on day one shows how reliability is earned, never a bare 0%', () => {
    renderWithApp(<ReliabilityMeter commitment={BASE} />, { me: ALEX })
    expect(screen.getByText(/Just begun/)).toBeInTheDocument()
    expect(screen.getByText(/about 13 days kept take it half way/)).toBeInTheDocument()
    expect(screen.queryByText('0%')).toBeNull()
    expect(screen.queryByRole('meter')).toBeNull()
  })

  it('after a week kept, leads with the run and says the score builds slowly', () => {
    const week = { ...BASE, starts_on: '2026-11-27', reliability: 0.31, streak: 7 }
    renderWithApp(<ReliabilityMeter commitment={week} />, { me: ALEX })
    expect(screen.getByText('7 days kept in a row.')).toBeInTheDocument()
    expect(screen.getByText('31%')).toBeInTheDocument()
    expect(screen.getByText(/Reliability builds slowly/)).toBeInTheDocument()
  })
})
