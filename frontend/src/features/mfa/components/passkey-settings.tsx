import { useState } from 'react'
import { TextField } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { dateTime } from '../../../lib/dates'
import type { Passkey } from '../api/mfa-status'
import { useAddPasskey, useRemovePasskey } from '../api/passkeys'
import { passkeyErrorMessage, passkeysSupported } from '../lib/webauthn'
import { PasswordConfirm } from './password-confirm'
import { RecoveryCodesShown } from './recovery-codes-shown'

/** Your passkeys: add one (named), remove any; each one is a way in. */
export function PasskeySettings({ passkeys }: { passkeys: Passkey[] }) {
  return (
    <>
      <p>
        A passkey lives on your phone, computer or security key and is unlocked with your fingerprint, face or PIN.
        You can use one after your password, or to log in without a password at all.
      </p>
      {passkeys.length > 0 ? (
        <ul className="list" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} />
          ))}
        </ul>
      ) : null}
      {passkeysSupported() ? <AddPasskey /> : <p>This browser can’t use passkeys.</p>}
    </>
  )
}

function PasskeyRow({ passkey }: { passkey: Passkey }) {
  const remove = useRemovePasskey()
  const [asking, setAsking] = useState(false)
  return (
    <li className="list__item">
      <strong>{passkey.name}</strong> · added {dateTime(passkey.created_at)}
      {passkey.last_used_at ? ` · last used ${dateTime(passkey.last_used_at)}` : ''}
      {asking ? (
        <PasswordConfirm
          action={`Remove “${passkey.name}”`}
          danger
          busy={remove.isPending}
          error={remove.error}
          onConfirm={(password) => remove.mutate({ id: passkey.id, password })}
        />
      ) : (
        <button type="button" className="btn btn--link" onClick={() => setAsking(true)}>
          Remove<span className="visually-hidden"> {passkey.name}</span>
        </button>
      )}
    </li>
  )
}

function AddPasskey() {
  const add = useAddPasskey()
  const [name, setName] = useState('')
  const [asking, setAsking] = useState(false)
  const browserProblem = passkeyErrorMessage(add.error)
  if (add.data) {
    return (
      <>
        <FormSuccess>Your passkey “{add.data.passkey.name}” is saved.</FormSuccess>
        <RecoveryCodesShown codes={add.data.recovery_codes} />
        <button type="button" className="btn btn--secondary" onClick={() => add.reset()}>
          Add another passkey
        </button>
      </>
    )
  }
  if (!asking) {
    return (
      <button type="button" className="btn" onClick={() => setAsking(true)}>
        Add a passkey
      </button>
    )
  }
  return (
    <PasswordConfirm
      action="Create the passkey"
      busy={add.isPending || !name.trim()}
      error={browserProblem ? null : add.error}
      onConfirm={(password) => add.mutate({ password, name: name.trim() })}
    >
      {browserProblem ? <FormError>{browserProblem}</FormError> : null}
      <TextField
        label="A name for this passkey"
        hint="So you can tell them apart, e.g. “My phone”."
        maxLength={60}
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
    </PasswordConfirm>
  )
}
