import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { longDay, todayIn } from '../../../lib/dates'
import { keys } from '../../../lib/query-keys'
import { disconnectLive } from '../../../lib/socket'
import type { LoginSession } from '../../../lib/types'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { SessionsList } from './sessions-list'

vi.mock('../../../lib/socket', () => ({ connectLive: vi.fn(() => Promise.resolve()), disconnectLive: vi.fn() }))

const HERE: LoginSession = {
  id: 2,
  current: true,
  created_at: '2026-12-04T09:30:00+00:00',
  last_active_on: todayIn('UTC'),
  device: 'Firefox on Linux',
}
const PHONE: LoginSession = {
  id: 1,
  current: false,
  created_at: '2026-11-20T18:00:00+00:00',
  last_active_on: '2026-11-28',
  device: 'Safari on iOS',
}

beforeEach(() => {
  forgetCsrfToken()
  vi.mocked(disconnectLive).mockClear()
})

describe('SessionsList', () => {
  it('lists each device with when it signed in and was last active, and marks this one', async () => {
    mockFetch({ 'GET /auth/sessions': { body: { items: [HERE, PHONE] } } })
    renderWithApp(<SessionsList timeZone="UTC" />)
    const items = await screen.findAllByRole('listitem')
    expect(items).toHaveLength(2)
    expect(items[0]).toHaveTextContent('Firefox on Linux')
    expect(items[0]).toHaveTextContent('This device')
    expect(items[1]).toHaveTextContent('Safari on iOS')
    expect(items[1]).not.toHaveTextContent('This device')
    expect(items[0]).toHaveTextContent('last active today')
    expect(items[1]).toHaveTextContent(`last active ${longDay('2026-11-28')}`)
    expect(screen.getByRole('button', { name: /^Sign out: Safari on iOS/ })).toBeEnabled()
    expect(screen.getByRole('button', { name: /^Sign out here: Firefox on Linux/ })).toBeEnabled()
  })

  it('signs another device out and shows the list without it', async () => {
    let items = [HERE, PHONE]
    const mock = mockFetch({
      'GET /auth/sessions': () => ({ body: { items } }),
      'DELETE /auth/sessions/1': () => {
        items = [HERE]
        return { status: 204 }
      },
    })
    renderWithApp(<SessionsList timeZone="UTC" />)
    await userEvent.click(await screen.findByRole('button', { name: /^Sign out: Safari on iOS/ }))
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1))
    expect(screen.getByRole('status')).toHaveTextContent('Safari on iOS has been signed out.')
    expect(mock.unsafe().map((c) => `${c.method} ${c.path}`)).toEqual(['DELETE /auth/sessions/1'])
    expect(disconnectLive).not.toHaveBeenCalled()
  })

  it('signing out here logs this window out', async () => {
    mockFetch({ 'GET /auth/sessions': { body: { items: [HERE, PHONE] } }, 'DELETE /auth/sessions/2': { status: 204 } })
    const { client } = renderWithApp(<SessionsList timeZone="UTC" />)
    client.setQueryData(keys.me, SAM)
    await userEvent.click(await screen.findByRole('button', { name: /^Sign out here/ }))
    await waitFor(() => expect(client.getQueryData(keys.me)).toBeNull())
    expect(disconnectLive).toHaveBeenCalled()
  })

  it('says so kindly when a session could not be signed out', async () => {
    mockFetch({
      'GET /auth/sessions': { body: { items: [HERE, PHONE] } },
      'DELETE /auth/sessions/1': problem(404, 'We couldn’t find that session. It may have ended already.'),
    })
    renderWithApp(<SessionsList timeZone="UTC" />)
    await userEvent.click(await screen.findByRole('button', { name: /^Sign out: Safari on iOS/ }))
    expect(await screen.findByRole('alert')).toHaveTextContent('It may have ended already.')
  })
})
