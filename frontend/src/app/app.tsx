import { QueryClientProvider } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Router } from 'wouter'
import { setUnauthorizedHandler } from '../lib/api-client'
import { createQueryClient } from '../lib/query-client'
import { guardBackForwardCache, onQuickExit, quickExit } from '../lib/quick-exit'
import { useSingleEntryLocation } from '../lib/router'
import { resetSession } from '../lib/session'
import { disconnectLive } from '../lib/socket'
import { useDoubleEscape } from '../lib/use-double-escape'
import { BackNotice } from './back-notice'
import { LiveConnection } from './live-connection'
import { AppRoutes } from './routes'

export function App() {
  const [client] = useState(createQueryClient)

  useEffect(() => {
    // A 401 anywhere means the session is over: forget who we were and everything we loaded.
    setUnauthorizedHandler(() => resetSession(client, null))
    const stopCleanup = onQuickExit(() => {
      disconnectLive()
      client.clear()
    })
    const stopGuard = guardBackForwardCache()
    return () => {
      setUnauthorizedHandler(null)
      stopCleanup()
      stopGuard()
    }
  }, [client])

  useDoubleEscape(quickExit)

  return (
    <QueryClientProvider client={client}>
      <Router hook={useSingleEntryLocation}>
        <BackNotice />
        <AppRoutes />
        <LiveConnection />
      </Router>
    </QueryClientProvider>
  )
}
