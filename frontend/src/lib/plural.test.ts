import { describe, expect, it } from 'vitest'
import { count } from './plural'

describe('count', () => {
  it.each([
    [1, 'day', '1 day'],
    [2, 'day', '2 days'],
    [0, 'point', '0 points'],
    [1, 'reply', '1 reply'],
    [3, 'reply', '3 replies'],
    [1, 'check-in', '1 check-in'],
    [1.5, 'point', '1.5 points'],
  ])('%s %s -> %s', (n, word, expected) => {
    expect(count(n, word)).toBe(expected)
  })
})
