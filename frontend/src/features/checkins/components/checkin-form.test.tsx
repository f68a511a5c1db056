import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { forgetCsrfToken } from '../../../lib/api-client'
import { mockFetch, problem } from '../../../test/fetch-mock'
import { ALEX, SAM, renderWithApp } from '../../../test/render'
import { CheckinForm } from './checkin-form'

beforeEach(() => forgetCsrfToken())

function feltSafety() {
  return screen.getByRole('group', { name: /How safe do you feel with your partner today/ })
}

describe('CheckinForm (hurt partner)', () => {
  it('asks for a number or a few words before sending an empty check-in', async () => {
    const mock = mockFetch({})
    renderWithApp(<CheckinForm spaceId={7} role="hurt" partnerName="Alex" />, { me: SAM })
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    const message = 'Choose a number for how safe you feel, or say in a few words how today is.'
    expect(await screen.findByText(message)).toBeInTheDocument()
    expect(mock.unsafe()).toHaveLength(0)
    expect(feltSafety()).toHaveAccessibleDescription(expect.stringContaining('Choose a number'))
  })

  it('sends words alone, with no number, when no number fits today', async () => {
    const mock = mockFetch({ 'POST /spaces/7/checkins': { status: 201, body: { id: 1 } } })
    renderWithApp(<CheckinForm spaceId={7} role="hurt" partnerName="Alex" />, { me: SAM })
    await userEvent.type(screen.getByLabelText(/In your own words/), 'I can’t put a number on today.')
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toMatchObject({ note: 'I can’t put a number on today.', felt_safety: null })
  })

  it('sends felt safety, tags and a private note by default', async () => {
    const mock = mockFetch({ 'POST /spaces/7/checkins': { status: 201, body: { id: 1 } } })
    renderWithApp(<CheckinForm spaceId={7} role="hurt" partnerName="Alex" />, { me: SAM })
    await userEvent.click(screen.getAllByRole('radio', { name: '3' })[0])
    await userEvent.click(screen.getByRole('button', { name: 'anxious' }))
    await userEvent.type(screen.getByLabelText(/In your own words/), 'A hard evening.')
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toEqual({
      felt_safety: 3,
      regulation: null,
      tags: ['anxious'],
      note: 'A hard evening.',
      note_private: true,
    })
    expect(await screen.findByText(/Your check-in is saved/)).toBeInTheDocument()
  })

  it('shows the server’s field errors next to their fields', async () => {
    mockFetch({
      'POST /spaces/7/checkins': problem(422, 'Some fields need attention.', {
        felt_safety: ['Please choose a number from 0 to 10.'],
        tags: ['{"0": ["A tag needs at least one letter or number."]}'],
      }),
    })
    renderWithApp(<CheckinForm spaceId={7} role="hurt" partnerName="Alex" />, { me: SAM })
    await userEvent.click(screen.getAllByRole('radio', { name: '5' })[0])
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    expect(await screen.findByText('Please choose a number from 0 to 10.')).toBeInTheDocument()
    expect(screen.getByText('A tag needs at least one letter or number.')).toBeInTheDocument()
    // Every error sits by its field, so there is no extra message at the top.
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows a problem without field errors as a plain message for the form', async () => {
    mockFetch({ 'POST /spaces/7/checkins': problem(404, "We couldn't find that space.") })
    renderWithApp(<CheckinForm spaceId={7} role="hurt" partnerName="Alex" />, { me: SAM })
    await userEvent.click(screen.getAllByRole('radio', { name: '5' })[0])
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent("We couldn't find that space.")
  })

  it('makes the note shared only when asked, and says who can read it', async () => {
    const mock = mockFetch({ 'POST /spaces/7/checkins': { status: 201, body: { id: 1 } } })
    renderWithApp(<CheckinForm spaceId={7} role="hurt" partnerName="Alex" />, { me: SAM })
    expect(screen.getByText(/nobody else ever sees this note/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('radio', { name: 'Shared' }))
    expect(screen.getByText(/only the people you chose/)).toBeInTheDocument()
    await userEvent.click(screen.getAllByRole('radio', { name: '8' })[0])
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toMatchObject({ note_private: false })
  })
})

describe('CheckinForm (repairing partner)', () => {
  it('asks how settled they are and their guess of the partner’s safety, never felt safety', async () => {
    const mock = mockFetch({ 'POST /spaces/7/checkins': { status: 201, body: { id: 1 } } })
    renderWithApp(<CheckinForm spaceId={7} role="repairing" partnerName="Sam" />, { me: ALEX })
    expect(screen.queryByRole('group', { name: /How safe do you feel/ })).toBeNull()
    const settled = screen.getByRole('group', { name: /How settled do you feel right now/ })
    const guess = screen.getByRole('group', { name: /How safe do you think Sam feels today/ })
    await userEvent.click(settled.querySelectorAll('input')[6])
    await userEvent.click(guess.querySelectorAll('input')[4])
    await userEvent.click(screen.getByRole('button', { name: 'Save my check-in' }))
    await waitFor(() => expect(mock.unsafe()).toHaveLength(1))
    expect(mock.unsafe()[0].body).toMatchObject({ regulation: 6, predicted_safety: 4 })
    expect(mock.unsafe()[0].body).not.toHaveProperty('felt_safety')
  })

  it('meets a very unsettled answer with guilt’s language, not shame', async () => {
    mockFetch({})
    renderWithApp(<CheckinForm spaceId={7} role="repairing" partnerName="Sam" />, { me: ALEX })
    const settled = screen.getByRole('group', { name: /How settled do you feel right now/ })
    await userEvent.click(settled.querySelectorAll('input')[2])
    expect(screen.getByText(/What you did was wrong, and it is not all that you are/)).toBeInTheDocument()
    expect(screen.queryByText(/you made a mistake/i)).toBeNull()
  })
})
