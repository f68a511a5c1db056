/** Where a partner hasn't shared something: said plainly, never as an error. */
export function NotShared({ who, what, message }: { who?: string; what?: string; message?: string }) {
  return (
    <div className="not-shared">
      <p className="not-shared__title">Not shared</p>
      <p>{message ?? `${who} hasn’t shared ${what} with you. That is their choice to make, and it can change at any time.`}</p>
    </div>
  )
}
