/** Tells someone that the words in the form below are the ones they had not sent yet. */
export function DraftNote({ show }: { show: boolean }) {
  if (!show) return null
  return (
    <p className="notice notice--warm draft-note" role="status">
      We kept what you were writing before. It is still unsent: nobody else has seen it.
    </p>
  )
}
