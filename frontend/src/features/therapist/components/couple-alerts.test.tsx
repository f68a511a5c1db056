import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockFetch } from '../../../test/fetch-mock'
import { renderWithApp } from '../../../test/render'
import { CoupleAlerts } from './couple-alerts'

const ITEM = (spaceId: number, alerts: { kind: string; message: string }[]) => ({ space: { id: spaceId, name: 'Us' }, alerts })

describe('CoupleAlerts', () => {
  it('names, on the couple page, the disputed check the caseload counted', async () => {
    mockFetch({
      'GET /therapist/caseload': {
        body: {
          items: [
            ITEM(3, [{ kind: 'no_checkin', message: 'Elsewhere.' }]),
            ITEM(7, [{ kind: 'disputed_check', message: 'A commitment check is disputed and still open (“Phone open”, 3 December 2026).' }]),
          ],
        },
      },
    })
    renderWithApp(<CoupleAlerts spaceId={7} />)
    expect(await screen.findByText(/“Phone open”, 3 December 2026/)).toBeInTheDocument()
    expect(screen.queryByText('Elsewhere.')).toBeNull()
  })
})
