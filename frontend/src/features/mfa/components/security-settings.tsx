import { Section } from '../../../components/page'
import { ErrorState, Loading } from '../../../components/status'
import { hasFactor, useMfaStatus } from '../api/mfa-status'
import { PasskeySettings } from './passkey-settings'
import { RecoverySettings } from './recovery-settings'
import { TotpSettings } from './totp-settings'

/** Second factors: an authenticator app, passkeys, recovery codes. */
export function SecuritySettings() {
  const status = useMfaStatus()
  if (status.isPending) return <Loading label="Loading your sign-in settings…" />
  if (status.error) return <ErrorState error={status.error} onRetry={() => status.refetch()} />
  const mine = status.data
  return (
    <>
      <Section title="Authenticator app" id="totp">
        <TotpSettings on={mine.totp} />
      </Section>
      <Section title="Passkeys" id="passkeys">
        <PasskeySettings passkeys={mine.passkeys} />
      </Section>
      {hasFactor(mine) ? (
        <Section title="Recovery codes" id="recovery-codes">
          <RecoverySettings left={mine.recovery_codes_left} />
        </Section>
      ) : null}
    </>
  )
}
