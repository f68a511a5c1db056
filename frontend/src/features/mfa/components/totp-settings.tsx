import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { useConfirmTotp, useDisableTotp, useStartTotp, type TotpSetup } from '../api/totp'
import { PasswordConfirm } from './password-confirm'
import { QrCode } from './qr-code'
import { RecoveryCodesShown } from './recovery-codes-shown'

/** Set up an authenticator app: password, scan the QR code, type the first code. */
export function TotpSettings({ on }: { on: boolean }) {
  const start = useStartTotp()
  const disable = useDisableTotp()
  const [codes, setCodes] = useState<string[]>([])
  const [asking, setAsking] = useState(false)

  if (codes.length > 0) {
    return (
      <>
        <FormSuccess>Your authenticator app is on. From now on Mend asks for a code when you log in.</FormSuccess>
        <RecoveryCodesShown codes={codes} />
      </>
    )
  }
  if (on) {
    return (
      <>
        <p>Your authenticator app is on.</p>
        {asking ? (
          <PasswordConfirm
            action="Turn the authenticator app off"
            danger
            busy={disable.isPending}
            error={disable.error}
            onConfirm={(password) => disable.mutate(password, { onSuccess: () => setAsking(false) })}
          />
        ) : (
          <button type="button" className="btn btn--secondary" onClick={() => setAsking(true)}>
            Turn it off…
          </button>
        )}
      </>
    )
  }
  if (start.data) return <ConfirmTotp setup={start.data} onConfirmed={setCodes} />
  return (
    <>
      <p>
        An app such as Aegis, Google Authenticator or 1Password shows a new six-digit code every 30 seconds. Mend asks
        for one after your password, so knowing your password alone is not enough to get in.
      </p>
      {asking ? (
        <PasswordConfirm
          action="Set up an authenticator app"
          busy={start.isPending}
          error={start.error}
          onConfirm={(password) => start.mutate(password)}
        />
      ) : (
        <button type="button" className="btn" onClick={() => setAsking(true)}>
          Set up an authenticator app
        </button>
      )}
    </>
  )
}

function ConfirmTotp({ setup, onConfirmed }: { setup: TotpSetup; onConfirmed: (codes: string[]) => void }) {
  const [code, setCode] = useState('')
  const confirm = useConfirmTotp()
  const problem = formProblem(confirm.error, ['code'])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    confirm.mutate(code.replace(/\s/g, ''), { onSuccess: (body) => onConfirmed(body.recovery_codes) })
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      <p>Scan this code with your authenticator app.</p>
      <QrCode value={setup.otpauth_uri} label="QR code to add Mend to your authenticator app" />
      <p>
        Can’t scan it? Type this key into the app instead: <code className="totp-secret">{setup.secret}</code>
      </p>
      <FormError>{problem.general}</FormError>
      <TextField
        label="The six-digit code your app shows now"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={problem.field('code')}
      />
      <button type="submit" className="btn" disabled={confirm.isPending || !code.trim()}>
        Turn it on
      </button>
    </form>
  )
}
