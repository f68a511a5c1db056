import { SecuritySettings } from './security-settings'

/** For therapists who must add a second factor before they see anything a couple shares. */
export function MfaSetupPrompt() {
  return (
    <>
      <div className="notice notice--warm">
        <p className="notice__title">One more step to protect the couples you work with</p>
        <p>
          Couples share painful, private things here. Before you can see anything they share with you, please add a
          second way to sign in: an authenticator app or a passkey. It takes a minute, and it keeps their words safe
          even if your password ever leaks.
        </p>
      </div>
      <SecuritySettings />
    </>
  )
}
