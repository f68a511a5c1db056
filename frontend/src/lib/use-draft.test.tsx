import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { ALEX, SAM, SPACE } from '../test/render'
import { clearAllDrafts, loadDraft } from './drafts'
import { SpaceProvider } from './space-context'
import { useDraft as useDraftHook } from './use-draft'
import type { User } from './types'

function wrapperFor(me: User) {
  return ({ children }: { children: ReactNode }) => (
    <SpaceProvider space={SPACE} me={me}>
      {children}
    </SpaceProvider>
  )
}

describe('useDraft', () => {
  afterEach(() => sessionStorage.clear())

  it('keeps unsent words for this tab and gives them back to the same person', () => {
    const first = renderHook(() => useDraftHook('note'), { wrapper: wrapperFor(SAM) })
    act(() => first.result.current.setValue('I felt uneasy when'))
    first.unmount() // e.g. quick exit: the page is gone

    const again = renderHook(() => useDraftHook('note'), { wrapper: wrapperFor(SAM) })
    expect(again.result.current.value).toBe('I felt uneasy when')
    expect(again.result.current.restored).toBe(true)
  })

  it('never shows one person’s draft to another', () => {
    const sam = renderHook(() => useDraftHook('note'), { wrapper: wrapperFor(SAM) })
    act(() => sam.result.current.setValue('private words'))
    const alex = renderHook(() => useDraftHook('note'), { wrapper: wrapperFor(ALEX) })
    expect(alex.result.current.value).toBe('')
    expect(alex.result.current.restored).toBe(false)
  })

  it('forgets the draft once it is sent', () => {
    const form = renderHook(() => useDraftHook('note'), { wrapper: wrapperFor(SAM) })
    act(() => form.result.current.setValue('sent soon'))
    act(() => form.result.current.clear())
    expect(form.result.current.value).toBe('')
    expect(loadDraft(SAM.id, `${SPACE.id}:note`)).toBe('')
  })

  it('a deliberate log-out forgets every draft', () => {
    const form = renderHook(() => useDraftHook('note'), { wrapper: wrapperFor(SAM) })
    act(() => form.result.current.setValue('words'))
    clearAllDrafts()
    expect(sessionStorage.length).toBe(0)
  })
})

