import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { longDay } from '../../../lib/dates'
import { NotTakenIn, StoppedSharingNotices } from './couple-context'

const ON = longDay('2026-03-03') // in the test machine's own locale

const STOPPED = {
  user_id: 1,
  role: 'hurt',
  display_name: 'Sam',
  category: 'checkins' as const,
  on: '2026-03-03T10:00:00Z',
  expired: false,
}

describe('StoppedSharingNotices', () => {
  it('says who stopped sharing what, and on which day', () => {
    render(<StoppedSharingNotices items={[STOPPED]} timeZone="UTC" />)
    expect(screen.getByText(`Sam stopped sharing check-in scores with you on ${ON}.`)).toBeInTheDocument()
  })

  it('says a time-limited grant ended as set', () => {
    render(<StoppedSharingNotices items={[{ ...STOPPED, category: 'measures', expired: true }]} timeZone="UTC" />)
    expect(screen.getByText(`Sam’s sharing of questionnaires with you ended on ${ON}, as they had set it to.`)).toBeInTheDocument()
  })
})

describe('NotTakenIn', () => {
  it('counts what is not taken in, with one plural helper', () => {
    const { rerender } = render(<NotTakenIn notTakenIn={1} hurtName="Sam" hurtPresent />)
    expect(screen.getByText(/Not yet taken in by Sam: 1 disclosure \(/)).toBeInTheDocument()
    rerender(<NotTakenIn notTakenIn={3} hurtName="Sam" hurtPresent />)
    expect(screen.getByText(/Not yet taken in by Sam: 3 disclosures \(/)).toBeInTheDocument()
  })

  it('says it is not shared when the hurt partner keeps it to themselves', () => {
    render(<NotTakenIn notTakenIn={null} hurtName="Sam" hurtPresent />)
    expect(screen.getByText('Whether Sam has taken these in is not shared with you.')).toBeInTheDocument()
  })

  it('says nothing while there is no hurt partner', () => {
    const { container } = render(<NotTakenIn notTakenIn={null} hurtName="Sam" hurtPresent={false} />)
    expect(container).toBeEmptyDOMElement()
  })
})
