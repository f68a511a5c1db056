import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { SpaceProvider } from '../lib/space-context'
import type { Space, User } from '../lib/types'

export const SAM: User = { id: 1, email: 'sam@example.org', email_verified: true, display_name: 'Sam', account_type: 'partner', timezone: 'UTC' }
export const ALEX: User = { id: 2, email: 'alex@example.org', email_verified: true, display_name: 'Alex', account_type: 'partner', timezone: 'UTC' }

export const SPACE: Space = {
  id: 7,
  name: 'Sam & Alex',
  created_at: '2026-01-01T00:00:00+00:00',
  members: [
    { user_id: 1, display_name: 'Sam', role: 'hurt', joined_at: '2026-01-01T00:00:00+00:00', left_at: null },
    { user_id: 2, display_name: 'Alex', role: 'repairing', joined_at: '2026-01-01T00:00:00+00:00', left_at: null },
    { user_id: 3, display_name: 'Dr. Rivera', role: 'therapist', joined_at: '2026-01-02T00:00:00+00:00', left_at: null },
  ],
}

/** Render inside the app's providers: a fresh query cache, an in-memory router and (optionally) a space. */
export function renderWithApp(ui: ReactElement, options: { me?: User; space?: Space; path?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  const { hook } = memoryLocation({ path: options.path ?? '/' })
  const content = options.me ? (
    <SpaceProvider space={options.space ?? SPACE} me={options.me}>
      {ui}
    </SpaceProvider>
  ) : (
    ui
  )
  return {
    client,
    ...render(
      <QueryClientProvider client={client}>
        <Router hook={hook}>{content}</Router>
      </QueryClientProvider>,
    ),
  }
}
