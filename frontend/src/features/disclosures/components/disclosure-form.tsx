import { useState, type FormEvent } from 'react'
import { DraftNote } from '../../../components/draft-note'
import { SelectField, TextArea, TextField } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { DISCLOSURE_CATEGORIES } from '../../../config/words'
import { formProblem } from '../../../lib/form-errors'
import { useDraft } from '../../../lib/use-draft'
import type { DisclosureCategory } from '../../../lib/types'
import { useCreateDisclosure } from '../api/create-disclosure'

const FIELDS = ['title', 'body', 'category', 'occurred_on'] as const

/** The repairing partner tells the whole truth: what happened, and how it affected you both. */
export function DisclosureForm({ spaceId, partnerName, onSaved }: { spaceId: number; partnerName: string; onSaved?: (id: number) => void }) {
  const title = useDraft('disclosure-title')
  const body = useDraft('disclosure-body')
  const [category, setCategory] = useState<DisclosureCategory>('contact')
  const [occurredOn, setOccurredOn] = useState('')
  const mutation = useCreateDisclosure(spaceId)
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(
      { title: title.value.trim(), body: body.value.trim(), category, occurred_on: occurredOn || null },
      {
        onSuccess: (disclosure) => {
          title.clear()
          body.clear()
          setOccurredOn('')
          onSaved?.(disclosure.id)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="notice notice--warm">
        <p>
          Write what happened, and how it affected you both. Include the parts that are hard to say: a partial truth
          now tends to hurt more when the rest comes out later. Speak to the impact on {partnerName}, not to what you
          meant. Telling it fully is part of owning what you did, and of putting it right.
        </p>
      </div>
      <FormError>{problem.general}</FormError>
      <DraftNote show={title.restored || body.restored} />
      <TextField
        label="In a few words, what is this about?"
        name="title"
        maxLength={200}
        required
        value={title.value}
        onChange={(e) => title.setValue(e.target.value)}
        error={problem.field('title')}
      />
      <SelectField
        label="What kind of thing is it?"
        value={category}
        onChange={(e) => setCategory(e.target.value as DisclosureCategory)}
        options={DISCLOSURE_CATEGORIES}
        error={problem.field('category')}
      />
      <TextArea
        label="What happened, and how it affected you both"
        hint={`Who, what, when, and how long. Then: what it cost ${partnerName}, and what it cost the two of you.`}
        name="body"
        rows={8}
        maxLength={20000}
        required
        value={body.value}
        onChange={(e) => body.setValue(e.target.value)}
        error={problem.field('body')}
      />
      <TextField
        label="When did it happen?"
        hint="If it went on for a while, the day it started."
        type="date"
        optional
        value={occurredOn}
        onChange={(e) => setOccurredOn(e.target.value)}
        error={problem.field('occurred_on')}
      />
      <p className="muted">
        {partnerName} will see this as soon as you save it. It can’t be deleted or quietly changed later: any amendment
        is shown openly, with your reason.
      </p>
      <button type="submit" className="btn" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : `Share this with ${partnerName}`}
      </button>
      <FormSuccess>{mutation.isSuccess ? 'Saved and shared. Thank you for telling the truth.' : undefined}</FormSuccess>
    </form>
  )
}
