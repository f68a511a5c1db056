import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { deviceTimezone } from '../../../lib/session'
import type { AccountType } from '../../../lib/types'
import { useRegister } from '../api/register'

const FIELDS = ['email', 'password', 'display_name', 'account_type', 'timezone'] as const

const ACCOUNT_TYPES: { value: AccountType; label: string; explain: string }[] = [
  {
    value: 'partner',
    label: 'I am one of the partners',
    explain: 'For either of you: the partner who was hurt, or the partner who is repairing.',
  },
  {
    value: 'therapist',
    label: 'I am a therapist',
    explain: 'For a professional a couple invites. You see only what each partner chooses to share with you.',
  },
]

export function RegisterForm({ onDone }: { onDone?: () => void }) {
  const [displayName, setDisplayName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [accountType, setAccountType] = useState<AccountType>('partner')
  const timezone = deviceTimezone()
  const mutation = useRegister(onDone)
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate({ display_name: displayName.trim(), email: email.trim(), password, account_type: accountType, timezone })
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      <fieldset className="choices">
        <legend className="field__label">Who is this account for?</legend>
        {ACCOUNT_TYPES.map((type) => (
          <label key={type.value} className="choice">
            <input
              type="radio"
              name="account_type"
              value={type.value}
              checked={accountType === type.value}
              onChange={() => setAccountType(type.value)}
            />
            <span>
              <span className="choice__label">{type.label}</span>
              <span className="choice__explain">{type.explain}</span>
            </span>
          </label>
        ))}
        {problem.field('account_type') ? <p className="field__error">{problem.field('account_type')}</p> : null}
      </fieldset>
      <TextField
        label="Your name"
        hint="What the others in your space will see. A first name or nickname is enough."
        name="display_name"
        autoComplete="nickname"
        maxLength={80}
        required
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={problem.field('display_name')}
      />
      <TextField
        label="Email"
        hint="Use an address only you can read."
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={problem.field('email')}
      />
      <TextField
        label="Password"
        hint="At least 10 characters. A few unrelated words make a strong one."
        type="password"
        name="password"
        autoComplete="new-password"
        minLength={10}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={problem.field('password')}
      />
      <p className="muted">
        Your days will follow this device’s time zone: <strong>{timezone}</strong>.
        {problem.field('timezone') ? <span className="field__error"> {problem.field('timezone')}</span> : null}
      </p>
      <button type="submit" className="btn" disabled={mutation.isPending}>
        {mutation.isPending ? 'Creating your account…' : 'Create my account'}
      </button>
    </form>
  )
}
