import { useState } from 'react'
import { errorMessage } from '../../../lib/api-client'
import { storedSubscriptionId, usePushKey, usePushSubscription } from '../api/push'

function browserCanPush(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
}

function pushProblem(error: Error): string {
  if (error instanceof DOMException && error.name === 'NotAllowedError') {
    return 'Your browser didn’t allow notifications. You can change that in its site settings.'
  }
  if (error instanceof DOMException) {
    return 'This browser couldn’t set up notifications just now. Reminders still come by email.'
  }
  return errorMessage(error)
}

/** Notifications on this device: the same neutral words as the mail, never what is in the space. */
export function PushSettings() {
  const key = usePushKey()
  const mutation = usePushSubscription()
  const [subscribed, setSubscribed] = useState(() => storedSubscriptionId() !== null)
  if (key.isPending) return null
  if (!key.data?.enabled || !key.data.public_key) {
    return <p className="muted">Notifications on devices are turned off on this server. Reminders still come by email.</p>
  }
  if (!browserCanPush()) {
    return <p className="muted">This browser can’t show notifications. Reminders can still come by email.</p>
  }
  const publicKey = key.data.public_key
  const toggle = () =>
    mutation.mutate(subscribed ? { on: false } : { on: true, publicKey }, {
      onSuccess: () => setSubscribed(!subscribed),
    })
  return (
    <div className="stack">
      <p className="muted small">
        A notification only ever says “A gentle reminder you asked for.” It never shows anything from your space.
      </p>
      <p role="status">{subscribed ? 'Notifications are on for this device.' : 'Notifications are off for this device.'}</p>
      <button type="button" className="btn btn--secondary" onClick={toggle} disabled={mutation.isPending}>
        {subscribed ? 'Turn off notifications on this device' : 'Turn on notifications on this device'}
      </button>
      {mutation.error ? (
        <p className="field__error" role="alert">
          {pushProblem(mutation.error)}
        </p>
      ) : null}
    </div>
  )
}
