/** Counted words, the one way the app says "1 day" and "3 days" (never "1 days"). */
const IRREGULAR: Record<string, string> = { reply: 'replies', 'check-in': 'check-ins', time: 'times' }

/** The plural of a word: irregular ones listed above, else with an s. */
export function pluralOf(word: string): string {
  return IRREGULAR[word] ?? `${word}s`
}

/** The word in the right form for n ("point" for 1, "points" otherwise). */
export function wordFor(n: number, word: string, plural: string = pluralOf(word)): string {
  return n === 1 ? word : plural
}

/** "1 day", "2 days", "0 replies": a number with its word in the right form. */
export function count(n: number, word: string, plural: string = pluralOf(word)): string {
  return `${n} ${wordFor(n, word, plural)}`
}
