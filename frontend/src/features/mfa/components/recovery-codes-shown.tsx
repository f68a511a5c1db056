import { CopyButton } from '../../../components/copy-button'

/** Ten recovery codes, shown this once. */
export function RecoveryCodesShown({ codes }: { codes: string[] }) {
  if (codes.length === 0) return null
  return (
    <div className="notice notice--warm">
      <p className="notice__title">Your recovery codes</p>
      <p>
        If your phone or passkey is ever out of reach, each of these lets you in once. Keep them somewhere safe and
        private, such as a password manager. We won’t show them again.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <CopyButton text={codes.join('\n')} label="Copy the codes" />
    </div>
  )
}
