import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mockFetch } from '../../test/fetch-mock'
import { ALEX, renderWithApp } from '../../test/render'
import { RepairingHomePage } from './repairing-home-page'

afterEach(() => vi.unstubAllGlobals())

describe('RepairingHomePage', () => {
  it('speaks to ownership of the impact in guilt’s language, never "you made a mistake"', () => {
    mockFetch({})
    renderWithApp(<RepairingHomePage />, { me: ALEX })
    expect(screen.getByText(/What you did hurt Sam deeply\. Owning that impact/)).toBeInTheDocument()
    expect(screen.getByText(/You are not the worst thing you have done/)).toBeInTheDocument()
    expect(screen.queryByText(/made a mistake/i)).toBeNull()
  })
})
