import { Page } from '../../components/page'
import { MfaSetupPrompt } from '../../features/mfa/components/mfa-setup-prompt'

/** Where a therapist lands until they have a second way to sign in. */
export default function MfaSetupPage() {
  return (
    <Page title="Protect your sign-in">
      <MfaSetupPrompt />
    </Page>
  )
}
