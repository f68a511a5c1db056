import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import type { Instrument } from '../../../lib/types'
import { mockFetch } from '../../../test/fetch-mock'
import { SAM, renderWithApp } from '../../../test/render'
import { Questionnaire } from './questionnaire'

beforeEach(() => forgetCsrfToken())

const FREQUENCY = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'].map(
  (label, value) => ({ label, value }),
)
const PHQ2 = {
  id: 'phq2',
  name: 'PHQ-2',
  title: 'Patient Health Questionnaire-2',
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    { text: 'Little interest or pleasure in doing things', options: FREQUENCY },
    { text: 'Feeling down, depressed, or hopeless', options: FREQUENCY },
  ],
  scoring: { method: 'sum', min: 0, max: 6, higher_is: 'worse' },
  cutoff: { value: 3, flags: 'at_or_above', meaning: '' },
  bands: [],
  citation: '',
  source: '',
  licence: '',
  reliability: null,
  reliability_note: null,
} as unknown as Instrument

describe('Questionnaire', () => {
  it('asks one question per screen, moves with the keyboard, and sends every answer', async () => {
    const mock = mockFetch({
      'POST /spaces/7/measures/phq2/responses': {
        status: 201,
        body: { id: 1, instrument: 'phq2', score: 4, band: 'At or above the screening cut-off', created_at: '2026-12-04T10:00:00Z' },
      },
    })
    renderWithApp(<Questionnaire spaceId={7} instrument={PHQ2} onDone={vi.fn()} />, { me: SAM })
    expect(screen.getByRole('group', { name: 'Little interest or pleasure in doing things' })).toBeInTheDocument()
    expect(screen.queryByText('Feeling down, depressed, or hopeless')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled()

    await userEvent.click(screen.getByRole('radio', { name: 'Several days' }))
    await userEvent.keyboard('{ArrowDown}') // native radios: the arrow moves the choice
    expect(screen.getByRole('radio', { name: 'More than half the days' })).toBeChecked()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))

    const second = screen.getByRole('group', { name: 'Feeling down, depressed, or hopeless' })
    expect(second).toBeInTheDocument()
    expect(screen.getByText(/question 2 of 2/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('radio', { name: 'Several days' }))
    await userEvent.click(screen.getByRole('button', { name: 'Send my answers' }))

    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toEqual({ answers: [2, 1] })
    expect(await screen.findByRole('heading', { name: 'Thank you for answering' })).toBeInTheDocument()
  })

  it('shows support words when the server sends them, and only then', async () => {
    mockFetch({
      'POST /spaces/7/measures/phq2/responses': {
        status: 201,
        body: {
          id: 2,
          instrument: 'phq2',
          score: 6,
          band: 'At or above the screening cut-off',
          created_at: '2026-12-04T10:00:00Z',
          support: {
            heading: 'You don’t have to carry this alone',
            message: 'Please reach out.',
            resources: [{ name: 'Find a helpline', url: 'https://findahelpline.com' }],
          },
        },
      },
    })
    renderWithApp(<Questionnaire spaceId={7} instrument={PHQ2} onDone={vi.fn()} />, { me: SAM })
    await userEvent.click(screen.getByRole('radio', { name: 'Nearly every day' }))
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    await userEvent.click(screen.getByRole('radio', { name: 'Nearly every day' }))
    await userEvent.click(screen.getByRole('button', { name: 'Send my answers' }))
    expect(await screen.findByRole('heading', { name: 'You don’t have to carry this alone' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Find a helpline' })).toHaveAttribute('href', 'https://findahelpline.com')
  })
})
