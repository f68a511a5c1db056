import { useState } from 'react'
import { useRegenerateRecoveryCodes } from '../api/totp'
import { PasswordConfirm } from './password-confirm'
import { RecoveryCodesShown } from './recovery-codes-shown'

/** How many recovery codes are left, and a fresh set (the old ones stop working). */
export function RecoverySettings({ left }: { left: number }) {
  const regenerate = useRegenerateRecoveryCodes()
  const [asking, setAsking] = useState(false)
  if (regenerate.data) return <RecoveryCodesShown codes={regenerate.data.recovery_codes} />
  return (
    <>
      <p>
        {left === 1 ? 'You have 1 unused recovery code.' : `You have ${left} unused recovery codes.`} Each one lets
        you in once if your app or passkey is out of reach.
      </p>
      {asking ? (
        <PasswordConfirm
          action="Make ten new codes"
          busy={regenerate.isPending}
          error={regenerate.error}
          onConfirm={(password) => regenerate.mutate(password)}
        />
      ) : (
        <button type="button" className="btn btn--secondary" onClick={() => setAsking(true)}>
          Make new recovery codes…
        </button>
      )}
    </>
  )
}
