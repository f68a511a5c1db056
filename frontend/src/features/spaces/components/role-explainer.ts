import type { PartnerRole } from '../../../lib/types'

/** What each partner role means, and what the other partner will see. */
export const ROLE_EXPLANATIONS: Record<PartnerRole, { title: string; means: string; sees: string }> = {
  hurt: {
    title: 'I was hurt',
    means:
      'You check in on how safe you feel, whenever you want to. You read what your partner shares, ask questions, and say whether their reports ring true. There are no streaks and nothing to keep up with.',
    sees:
      'Your partner sees your check-in scores (you can stop this at any time). Your notes stay yours unless you choose to share them.',
  },
  repairing: {
    title: 'I broke trust and want to repair it',
    means:
      'You write honest disclosures about what happened, make commitments, and report how you kept them, day by day.',
    sees:
      'Your partner always sees your disclosures and commitments: that openness is the heart of repair, and leaving the space is how it ends. Your check-in notes stay yours unless you share them.',
  },
}
