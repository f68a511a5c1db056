import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { useLogin, type SecondStepNeeded } from '../api/login'

const FIELDS = ['email', 'password'] as const

export function LoginForm({
  onDone,
  onSecondStep,
}: {
  onDone?: () => void
  onSecondStep?: (step: SecondStepNeeded) => void
}) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const mutation = useLogin(onDone, onSecondStep)
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate({ email: email.trim(), password })
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      <TextField
        label="Email"
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
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={problem.field('password')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending}>
        {mutation.isPending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  )
}
