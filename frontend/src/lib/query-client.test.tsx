import { QueryClientProvider, onlineManager, useMutation } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ProblemError, api, forgetCsrfToken } from './api-client'
import { createQueryClient } from './query-client'

describe('createQueryClient', () => {
  afterEach(() => onlineManager.setOnline(true))

  it('says at once that a save failed while offline, instead of staying on "Saving…"', async () => {
    forgetCsrfToken()
    onlineManager.setOnline(false)
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    const client = createQueryClient()
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
    const { result } = renderHook(() => useMutation({ mutationFn: () => api.post('/spaces/7/checkins', {}) }), { wrapper })
    act(() => result.current.mutate())
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect((result.current.error as ProblemError).status).toBe(0)
    expect((result.current.error as ProblemError).detail).toMatch(/couldn.t reach Mend/)
  })
})
