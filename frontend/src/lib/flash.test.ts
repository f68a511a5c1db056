import { describe, expect, it } from 'vitest'
import { setFlash, takeFlash } from './flash'

describe('flash messages', () => {
  it('survive the page mounting again as its data arrives', () => {
    setFlash('You joined as the Repairing partner.')
    expect(takeFlash('/', 1_000)).toBe('You joined as the Repairing partner.')
    expect(takeFlash('/', 2_500)).toBe('You joined as the Repairing partner.')
  })

  it('are gone on any other page, and on a later visit', () => {
    setFlash('Saved.')
    expect(takeFlash('/', 1_000)).toBe('Saved.')
    expect(takeFlash('/record', 1_500)).toBeNull()
    expect(takeFlash('/', 1_600)).toBeNull()

    setFlash('Saved again.')
    expect(takeFlash('/', 1_000)).toBe('Saved again.')
    expect(takeFlash('/', 60_000)).toBeNull()
  })

  it('is nothing when nothing was left', () => {
    expect(takeFlash('/', 0)).toBeNull()
  })
})
