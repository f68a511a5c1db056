import { useEffect, useId, useRef, useState } from 'react'
import { FormError } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import type { Instrument, MeasureResponse } from '../../../lib/types'
import { useCreateResponse } from '../api/create-response'
import { SupportMessage } from './support-message'

/**
 * A questionnaire, one question per screen: the options are native radio
 * buttons (arrow keys move between them), Next and Back move between
 * questions, and focus goes to each new question so screen readers read it.
 */
export function Questionnaire({
  spaceId,
  instrument,
  onDone,
}: {
  spaceId: number
  instrument: Instrument
  onDone: () => void
}) {
  const [answers, setAnswers] = useState<(number | null)[]>(() => instrument.items.map(() => null))
  const [index, setIndex] = useState(0)
  const [result, setResult] = useState<MeasureResponse | null>(null)
  const mutation = useCreateResponse(spaceId, instrument.id)
  const legend = useRef<HTMLLegendElement>(null)
  const id = useId()
  const item = instrument.items[index]
  const last = index === instrument.items.length - 1
  const chosen = answers[index]

  useEffect(() => legend.current?.focus(), [index])

  if (result) return <Answered instrument={instrument} result={result} onDone={onDone} />

  const choose = (value: number) => setAnswers((old) => old.map((a, i) => (i === index ? value : a)))
  const next = (event: React.FormEvent) => {
    event.preventDefault()
    if (chosen === null) return
    if (!last) setIndex(index + 1)
    else mutation.mutate(answers as number[], { onSuccess: setResult })
  }

  return (
    <form className="questionnaire" onSubmit={next} aria-label={instrument.name}>
      <p className="questionnaire__progress small muted">
        {instrument.name} · question {index + 1} of {instrument.items.length}
      </p>
      {instrument.stem ? <p className="questionnaire__stem">{instrument.stem}</p> : null}
      <fieldset className="questionnaire__item" key={index}>
        <legend ref={legend} tabIndex={-1} className="questionnaire__question">
          {item.text}
        </legend>
        <div className="questionnaire__options">
          {item.options.map((option) => (
            <label key={option.value} className="questionnaire__option">
              <input
                type="radio"
                name={`${id}-${index}`}
                value={option.value}
                checked={chosen === option.value}
                onChange={() => choose(option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError>{mutation.error ? errorMessage(mutation.error) : null}</FormError>
      <div className="button-row">
        {index > 0 ? (
          <button type="button" className="btn btn--secondary" onClick={() => setIndex(index - 1)}>
            Back
          </button>
        ) : (
          <button type="button" className="btn btn--secondary" onClick={onDone}>
            Not now
          </button>
        )}
        <button type="submit" className="btn" disabled={chosen === null || mutation.isPending}>
          {last ? 'Send my answers' : 'Next'}
        </button>
      </div>
    </form>
  )
}

function Answered({
  instrument,
  result,
  onDone,
}: {
  instrument: Instrument
  result: MeasureResponse
  onDone: () => void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <div className="questionnaire questionnaire--done">
      <h3 ref={heading} tabIndex={-1}>
        Thank you for answering
      </h3>
      <p>
        Your {instrument.name} score is <strong>{result.score}</strong> ({result.band.toLowerCase()}). It is a
        snapshot of the last while, not a verdict on you. Only you see it unless you choose to share it.
      </p>
      {result.support ? <SupportMessage support={result.support} /> : null}
      <div className="button-row">
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  )
}
