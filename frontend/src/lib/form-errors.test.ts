import { describe, expect, it } from 'vitest'
import { ProblemError } from './api-client'
import { formProblem } from './form-errors'

describe('formProblem', () => {
  it('puts each error by its field and leaves the form message empty when all are placed', () => {
    const error = new ProblemError({ status: 422, detail: 'Some fields need attention.', errors: { title: ['Too long.'] } })
    const p = formProblem(error, ['title', 'body'])
    expect(p.field('title')).toBe('Too long.')
    expect(p.general).toBeUndefined()
  })

  it('shows errors for fields the form does not have as the form message', () => {
    const error = new ProblemError({ status: 422, errors: { space_id: ['Unknown space.'] } })
    expect(formProblem(error, ['title']).general).toBe('Unknown space.')
  })

  it('shows the detail when there are no field errors', () => {
    const error = new ProblemError({ status: 409, detail: 'This period already has a check-in.' })
    expect(formProblem(error, ['outcome']).general).toBe('This period already has a check-in.')
  })

  it('is empty without an error', () => {
    const p = formProblem(null, ['x'])
    expect(p.general).toBeUndefined()
    expect(p.field('x')).toBeUndefined()
  })
})
