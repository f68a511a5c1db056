import { useState } from 'react'

/** Copies text to the clipboard and says so, politely, to screen readers too. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setStatus('copied')
    } catch {
      setStatus('failed')
    }
  }
  return (
    <span className="copy">
      <button type="button" className="btn btn--secondary" onClick={copy}>
        {label}
      </button>
      <span role="status" aria-live="polite" className="copy__status">
        {status === 'copied' ? 'Copied.' : status === 'failed' ? 'Could not copy; please select the code and copy it.' : ''}
      </span>
    </span>
  )
}
