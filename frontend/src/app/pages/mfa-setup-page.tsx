import { useLocation } from 'wouter'
import { Page } from '../../components/page'
import { hasFactor, useMfaStatus } from '../../features/mfa/api/mfa-status'
import { MfaSetupPrompt } from '../../features/mfa/components/mfa-setup-prompt'

/** Where a therapist lands until they have a second way to sign in. */
export default function MfaSetupPage({ onContinue }: { onContinue: () => void }) {
  const [, navigate] = useLocation()
  const done = hasFactor(useMfaStatus().data)
  return (
    <Page title="Protect your sign-in">
      <MfaSetupPrompt />
      {done ? (
        <div className="card">
          <p>You’re all set. Please keep your recovery codes somewhere safe before you go on.</p>
          <button
            type="button"
            className="btn"
            onClick={() => {
              onContinue()
              navigate('/')
            }}
          >
            Continue to your caseload
          </button>
        </div>
      ) : null}
    </Page>
  )
}
