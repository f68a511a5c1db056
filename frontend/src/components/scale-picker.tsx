import { useId } from 'react'

interface ScalePickerProps {
  legend: string
  hint?: string
  value: number | null
  onChange: (value: number | null) => void
  lowLabel: string
  highLabel: string
  error?: string
  optional?: boolean
  /** Show large buttons (felt safety) rather than compact ones. */
  large?: boolean
}

const VALUES = Array.from({ length: 11 }, (_, i) => i)

/** A 0-10 scale as a group of radio buttons: arrow keys move, every value is a large target. */
export function ScalePicker({
  legend,
  hint,
  value,
  onChange,
  lowLabel,
  highLabel,
  error,
  optional,
  large,
}: ScalePickerProps) {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : '', `${id}-ends`, error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ')
  return (
    <fieldset
      className={`scale${large ? ' scale--large' : ''}${error ? ' scale--invalid' : ''}`}
      aria-describedby={describedBy}
    >
      <legend className="scale__legend">
        {legend}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="scale__options">
        {VALUES.map((n) => (
          <label key={n} className="scale__option">
            <input
              type="radio"
              name={id}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              className="scale__input"
            />
            <span className="scale__number">{n}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-ends`} className="scale__ends">
        <span>0 = {lowLabel}</span>
        <span>10 = {highLabel}</span>
      </p>
      {optional && value !== null ? (
        <button type="button" className="btn btn--link" onClick={() => onChange(null)}>
          Clear my answer
        </button>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
