/** Labels people read for the API's fixed values. */
import type { Cadence, CommitmentStatus, ConsentCategory, DisclosureCategory, Outcome, SpaceRole } from '../lib/types'

export const ROLE_LABELS: Record<SpaceRole, string> = {
  hurt: 'Hurt partner',
  repairing: 'Repairing partner',
  therapist: 'Therapist',
}

export function roleLabel(role: string | null | undefined): string {
  return role && role in ROLE_LABELS ? ROLE_LABELS[role as SpaceRole] : 'Member'
}

export const DISCLOSURE_CATEGORIES: { value: DisclosureCategory; label: string }[] = [
  { value: 'contact', label: 'Contact with someone' },
  { value: 'dishonesty', label: 'Something I said that was not true' },
  { value: 'finances', label: 'Money' },
  { value: 'substance', label: 'Drinking or drugs' },
  { value: 'digital', label: 'Phone, apps or online' },
  { value: 'other', label: 'Something else' },
]

export function disclosureCategoryLabel(value: string): string {
  return DISCLOSURE_CATEGORIES.find((c) => c.value === value)?.label ?? value
}

export const CADENCE_LABELS: Record<Cadence, string> = {
  daily: 'Every day',
  weekly: 'Every week',
  ongoing: 'Ongoing',
}

export const STATUS_LABELS: Record<CommitmentStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  kept: 'Kept',
  partial: 'Partly kept',
  missed: 'Missed',
}

export const CONSENT_CATEGORIES: { value: ConsentCategory; label: string; explain: string }[] = [
  {
    value: 'checkins',
    label: 'Check-in scores',
    explain: 'The numbers from your check-ins: felt safety, how settled you feel, and tags.',
  },
  {
    value: 'checkin_notes',
    label: 'Check-in notes',
    explain: 'The words you write with a check-in. A note you mark private is never shared.',
  },
  {
    value: 'disclosures',
    label: 'Disclosures and replies',
    explain: 'Disclosures you wrote and your replies in their threads.',
  },
  {
    value: 'commitments',
    label: 'Commitments and reviews',
    explain: 'Commitments you made and their check-ins, or your reviews of your partner’s check-ins.',
  },
  {
    value: 'measures',
    label: 'Questionnaires',
    explain: 'Your answers and scores on short questionnaires (mood, worry, the relationship). Shared with no one unless you choose.',
  },
]

export function consentCategoryLabel(value: string): string {
  return CONSENT_CATEGORIES.find((c) => c.value === value)?.label ?? value
}

/** Help outside Mend. Kept to well-known, long-standing services; shown on the safety page. */
export const SAFETY_RESOURCES = [
  {
    name: 'If you are in danger right now',
    detail: 'Call your local emergency number: 112 in Europe, 999 in the UK, 911 in the US and Canada, 000 in Australia.',
  },
  {
    name: 'Domestic abuse helplines',
    detail:
      'UK: National Domestic Abuse Helpline, 0808 2000 247 (free, 24 hours). US: National Domestic Violence Hotline, 1-800-799-7233 or text START to 88788.',
  },
  {
    name: 'If you are thinking about harming yourself',
    detail: 'UK and Ireland: Samaritans, 116 123. US: call or text 988. Elsewhere: findahelpline.com lists free, confidential lines in many countries.',
  },
  {
    name: 'A therapist',
    detail:
      'A couples therapist can help you both through this. You can invite one into Mend at any time, and they see only what each of you chooses to share.',
  },
]
