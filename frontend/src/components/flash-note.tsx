import { useState } from 'react'
import { takeFlash } from '../lib/flash'

/** A one-time message left by the page before (e.g. "you joined as ..."), read out politely. */
export function FlashNote() {
  const [message] = useState(takeFlash)
  if (!message) return null
  return (
    <div className="notice notice--ok home-notice" role="status">
      <p>{message}</p>
    </div>
  )
}
