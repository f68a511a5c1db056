import { describe, expect, it } from 'vitest'
import { wordDiff } from './word-diff'

describe('wordDiff', () => {
  it('marks the words that changed, on each side', () => {
    const { before, after } = wordDiff('I met J. twice more for coffee.', 'I met J. three times for coffee.')
    expect(before.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['twice more'])
    expect(after.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['three times'])
  })

  it('keeps every character, so each side reads exactly as written', () => {
    const old = 'It ended in March.\nNothing else.'
    const now = 'It ended in June.\nNothing else happened.'
    const { before, after } = wordDiff(old, now)
    expect(before.map((p) => p.text).join('')).toBe(old)
    expect(after.map((p) => p.text).join('')).toBe(now)
  })

  it('marks nothing when the texts are the same', () => {
    const { before, after } = wordDiff('same words', 'same words')
    expect([...before, ...after].every((p) => p.kind === 'same')).toBe(true)
  })
})
