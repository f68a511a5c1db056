/** A clear choice of who may read a check-in note. */
export function NotePrivacy({ isPrivate, onChange }: { isPrivate: boolean; onChange: (value: boolean) => void }) {
  return (
    <fieldset className="choice-row" aria-describedby="note-privacy-explain">
      <legend className="field__label">Who can read this note?</legend>
      <label className="choice choice--inline">
        <input type="radio" name="note_private" checked={isPrivate} onChange={() => onChange(true)} />
        <span>Only me</span>
      </label>
      <label className="choice choice--inline">
        <input type="radio" name="note_private" checked={!isPrivate} onChange={() => onChange(false)} />
        <span>Shared</span>
      </label>
      <p id="note-privacy-explain" className="field__hint">
        {isPrivate
          ? 'Private: nobody else ever sees this note, whatever you share.'
          : 'Shared: only the people you chose for “Check-in notes” on the Sharing page can read it. Until you choose someone, that is nobody.'}
      </p>
    </fieldset>
  )
}
