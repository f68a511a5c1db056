import { ProblemError, errorMessage } from './api-client'

export interface FormProblem {
  /** A message for each field the form shows. */
  field: (name: string) => string | undefined
  /** A message for the whole form: the problem's detail, unless every error sits by its field. */
  general: string | undefined
}

/** Split an error between a form's fields and a message for the whole form. */
export function formProblem(error: unknown, fields: readonly string[]): FormProblem {
  if (!error) return { field: () => undefined, general: undefined }
  if (!(error instanceof ProblemError)) return { field: () => undefined, general: errorMessage(error) }
  const named = Object.keys(error.errors)
  const unplaced = named.filter((name) => !fields.includes(name))
  const general =
    named.length === 0
      ? error.detail
      : unplaced.length > 0
        ? unplaced.map((name) => error.fieldError(name)).join(' ')
        : undefined
  return { field: (name) => error.fieldError(name), general }
}
