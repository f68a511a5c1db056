import { useCallback, useEffect, useState } from 'react'
import { clearDraft, loadDraft, saveDraft } from './drafts'
import { useOptionalSpaceContext } from './space'

export interface Draft {
  value: string
  setValue: (text: string) => void
  /** True when the form opened with words kept from before (say so to the person). */
  restored: boolean
  /** The words were sent: forget the draft and empty the field. */
  clear: () => void
}

/** A text field's value, kept as a draft for this person in this space until it is sent. */
export function useDraft(name: string): Draft {
  const context = useOptionalSpaceContext()
  const owner = context ? context.me.id : null
  const fullName = context ? `${context.space.id}:${name}` : name
  const [value, setValueState] = useState(() => (owner === null ? '' : loadDraft(owner, fullName)))
  const [restored, setRestored] = useState(() => value.trim() !== '')

  useEffect(() => {
    if (owner !== null) saveDraft(owner, fullName, value)
  }, [owner, fullName, value])

  const setValue = useCallback((text: string) => {
    setValueState(text)
    if (text.trim() === '') setRestored(false)
  }, [])

  const clear = useCallback(() => {
    if (owner !== null) clearDraft(owner, fullName)
    setValueState('')
    setRestored(false)
  }, [owner, fullName])

  return { value, setValue, restored, clear }
}
