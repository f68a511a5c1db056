/**
 * Unsent words kept for this browser tab only (sessionStorage: gone when the
 * tab closes), so that a quick exit, an accidental Escape twice or a lost
 * connection never throws away what someone was writing. A draft is keyed by
 * person and space, is only ever shown again inside a form after that person
 * has logged in, and is removed when it is sent or when they log out.
 */
const PREFIX = 'mend:draft:'

function storage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null // storage switched off: drafts then live only as long as the page
  }
}

function keyFor(userId: number, name: string): string {
  return `${PREFIX}${userId}:${name}`
}

export function loadDraft(userId: number, name: string): string {
  return storage()?.getItem(keyFor(userId, name)) ?? ''
}

export function hasDraft(userId: number, name: string): boolean {
  return loadDraft(userId, name).trim() !== ''
}

export function saveDraft(userId: number, name: string, text: string): void {
  const store = storage()
  if (!store) return
  try {
    if (text.trim() === '') store.removeItem(keyFor(userId, name))
    else store.setItem(keyFor(userId, name), text)
  } catch {
    // storage full: the words stay in the form, as before
  }
}

export function clearDraft(userId: number, name: string): void {
  storage()?.removeItem(keyFor(userId, name))
}

/** Forget every draft in this tab (a deliberate log-out). */
export function clearAllDrafts(): void {
  const store = storage()
  if (!store) return
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
    (key): key is string => key !== null && key.startsWith(PREFIX),
  )
  for (const key of keys) store.removeItem(key)
}
