import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useMe } from '../lib/session'
import { connectLive, disconnectLive, onLiveEvent } from '../lib/socket'

const ANNOUNCEMENTS: Record<string, string> = {
  'disclosure.created': 'A new disclosure has arrived.',
  'disclosure.revised': 'A disclosure was amended.',
  'disclosure.responded': 'There is a new reply in a disclosure thread.',
  'commitment.created': 'A new commitment was made.',
  'commitment.checked': 'A commitment was reported on.',
  'commitment.reviewed': 'A commitment report was confirmed or disputed.',
  'consent.changed': 'What is shared has changed.',
  'member.joined': 'Someone joined the space.',
  'member.left': 'Someone left the space.',
}

/** Keeps the one live connection open while someone is logged in, and reads out what arrives. */
export function LiveConnection() {
  const client = useQueryClient()
  const userId = useMe().data?.id
  const [message, setMessage] = useState('')

  useEffect(() => {
    if (!userId) return
    void connectLive(client)
    const stop = onLiveEvent((event) => {
      const text = ANNOUNCEMENTS[event.type]
      if (text) setMessage(text)
    })
    return () => {
      stop()
      disconnectLive()
    }
  }, [userId, client])

  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  )
}
