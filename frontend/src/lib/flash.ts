/** A one-time message for the next page (kept in memory only, never in storage). */
let message: string | null = null

export function setFlash(text: string): void {
  message = text
}

export function takeFlash(): string | null {
  const text = message
  message = null
  return text
}
