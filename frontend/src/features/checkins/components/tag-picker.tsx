import { useId, useState, type KeyboardEvent } from 'react'

const MAX_TAGS = 10
const MAX_TAG_LENGTH = 32

interface TagPickerProps {
  suggestions: string[]
  value: string[]
  onChange: (tags: string[]) => void
  error?: string
}

/** Words for how today feels: toggle a suggestion or add your own (up to 10). */
export function TagPicker({ suggestions, value, onChange, error }: TagPickerProps) {
  const id = useId()
  const [draft, setDraft] = useState('')
  const all = [...suggestions, ...value.filter((tag) => !suggestions.includes(tag))]
  const toggle = (tag: string) =>
    onChange(value.includes(tag) ? value.filter((t) => t !== tag) : value.length < MAX_TAGS ? [...value, tag] : value)
  const add = () => {
    const tag = draft.trim().toLowerCase().slice(0, MAX_TAG_LENGTH)
    if (tag && !value.includes(tag) && value.length < MAX_TAGS) onChange([...value, tag])
    setDraft('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      add()
    }
  }
  return (
    <fieldset className="tags" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field__label">
        Words for today <span className="field__optional">(optional)</span>
      </legend>
      <div className="tags__list">
        {all.map((tag) => (
          <button
            key={tag}
            type="button"
            className="tag-toggle"
            aria-pressed={value.includes(tag)}
            onClick={() => toggle(tag)}
          >
            {tag}
          </button>
        ))}
      </div>
      <div className="tags__add">
        <label htmlFor={`${id}-new`} className="visually-hidden">
          Add your own word
        </label>
        <input
          id={`${id}-new`}
          className="input"
          placeholder="Add your own word"
          maxLength={MAX_TAG_LENGTH}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="btn btn--secondary btn--small" onClick={add} disabled={!draft.trim()}>
          Add
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
