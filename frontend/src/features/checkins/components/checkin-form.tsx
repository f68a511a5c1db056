import './checkins.css'
import { useState, type FormEvent } from 'react'
import { DraftNote } from '../../../components/draft-note'
import { TextArea } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { ScalePicker } from '../../../components/scale-picker'
import { formProblem } from '../../../lib/form-errors'
import { useDraft } from '../../../lib/use-draft'
import type { CheckinInput, PartnerRole } from '../../../lib/types'
import { useCreateCheckin } from '../api/create-checkin'
import { NotePrivacy } from './note-privacy'
import { TagPicker } from './tag-picker'

const FIELDS = ['felt_safety', 'regulation', 'predicted_safety', 'note', 'note_private', 'tags'] as const

const SUGGESTIONS: Record<PartnerRole, string[]> = {
  hurt: ['calm', 'hopeful', 'anxious', 'triggered', 'angry', 'sad', 'numb', 'tired', 'connected'],
  repairing: ['steady', 'regretful', 'hopeful', 'overwhelmed', 'defensive', 'tired', 'connected'],
}

interface CheckinFormProps {
  spaceId: number
  role: PartnerRole
  partnerName: string | null
  onSaved?: () => void
}

/**
 * Today's check-in. Nothing is required beyond saying something: the hurt partner may give a number
 * for felt safety, or skip it and use words alone.
 */
export function CheckinForm({ spaceId, role, partnerName, onSaved }: CheckinFormProps) {
  const [feltSafety, setFeltSafety] = useState<number | null>(null)
  const [regulation, setRegulation] = useState<number | null>(null)
  const [predicted, setPredicted] = useState<number | null>(null)
  const note = useDraft('checkin-note')
  const [notePrivate, setNotePrivate] = useState(true)
  const [tags, setTags] = useState<string[]>([])
  const [missingSafety, setMissingSafety] = useState(false)
  const mutation = useCreateCheckin(spaceId)
  const problem = formProblem(mutation.error, FIELDS)
  const partner = partnerName ?? 'your partner'

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (role === 'hurt' && feltSafety === null && note.value.trim() === '' && tags.length === 0) {
      setMissingSafety(true)
      return
    }
    const input: CheckinInput = { regulation, tags, note: note.value.trim() || null, note_private: notePrivate }
    if (role === 'hurt') input.felt_safety = feltSafety
    else input.predicted_safety = predicted
    mutation.mutate(input, {
      onSuccess: () => {
        setFeltSafety(null)
        setRegulation(null)
        setPredicted(null)
        note.clear()
        setTags([])
        setMissingSafety(false)
        onSaved?.()
      },
    })
  }

  const safetyError =
    problem.field('felt_safety') ??
    (missingSafety && feltSafety === null && note.value.trim() === '' && tags.length === 0
      ? 'Choose a number for how safe you feel, or say in a few words how today is.'
      : undefined)

  return (
    <form onSubmit={submit} noValidate className="form checkin-form">
      <FormError>{problem.general}</FormError>
      {role === 'hurt' ? (
        <ScalePicker
          large
          legend="How safe do you feel with your partner today?"
          hint="There is no right answer. A low number is information, not failure. If no number fits today, skip it and use words below."
          value={feltSafety}
          optional
          onChange={(v) => {
            setFeltSafety(v)
            if (v !== null) setMissingSafety(false)
          }}
          lowLabel="not safe at all"
          highLabel="completely safe"
          error={safetyError}
        />
      ) : (
        <ScalePicker
          large
          legend="How settled do you feel right now?"
          hint="Before responding to anything, notice where you are. If you’re flooded, a pause is a kind act."
          value={regulation}
          onChange={setRegulation}
          lowLabel="flooded, very unsettled"
          highLabel="calm and steady"
          optional
          error={problem.field('regulation')}
        />
      )}
      {role === 'hurt' ? (
        <ScalePicker
          legend="How settled do you feel in yourself?"
          value={regulation}
          onChange={setRegulation}
          lowLabel="very unsettled"
          highLabel="calm and steady"
          optional
          error={problem.field('regulation')}
        />
      ) : (
        <ScalePicker
          legend={`How safe do you think ${partner} feels today?`}
          hint={`Your honest guess. Seeing how close it is to how ${partner} feels helps you both notice each other.`}
          value={predicted}
          onChange={setPredicted}
          lowLabel="not safe at all"
          highLabel="completely safe"
          optional
          error={problem.field('predicted_safety')}
        />
      )}
      {role === 'repairing' && regulation !== null && regulation <= 3 ? (
        <p className="notice notice--warm" role="note">
          Feeling this unsettled is hard. What you did was wrong, and it is not all that you are. Let guilt guide what you
          do next, without turning it against yourself. Take a few slow breaths before you reply to anything today.
        </p>
      ) : null}
      <DraftNote show={note.restored} />
      <TagPicker suggestions={SUGGESTIONS[role]} value={tags} onChange={setTags} error={problem.field('tags')} />
      <TextArea
        label="In your own words"
        optional
        maxLength={5000}
        rows={4}
        value={note.value}
        onChange={(e) => note.setValue(e.target.value)}
        error={problem.field('note')}
      />
      <NotePrivacy isPrivate={notePrivate} onChange={setNotePrivate} />
      {problem.field('note_private') ? <p className="field__error">{problem.field('note_private')}</p> : null}
      <button type="submit" className="btn" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save my check-in'}
      </button>
      <FormSuccess>{mutation.isSuccess ? 'Your check-in is saved. Thank you for taking a moment for yourself.' : undefined}</FormSuccess>
    </form>
  )
}
