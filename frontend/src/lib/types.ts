/**
 * Friendly names for the API's schemas. Everything here comes from
 * api-types.ts, which `npm run api-types` generates from the live OpenAPI
 * document; only unions the generator cannot express are narrowed by hand.
 */
import type { components } from './api-types'

type S = components['schemas']

export type Problem = S['Problem']
export type User = S['UserOut']
export type AccountType = User['account_type']
export type Member = S['MemberOut']
export type Space = S['SpaceOut']
export type SpaceRole = 'hurt' | 'repairing' | 'therapist'
export type PartnerRole = Exclude<SpaceRole, 'therapist'>
export type Invite = S['InviteOut']
export type PendingInvite = S['PendingInviteOut']
export type Membership = S['MembershipOut']

export type Disclosure = S['DisclosureOut']
export type DisclosureDetail = S['DisclosureDetailOut']
export type DisclosureCategory = S['DisclosureIn']['category']
export type Revision = S['RevisionOut']
export type DisclosureResponse = S['ResponseOut']

export type Review = S['ReviewOut']
export type Check = Omit<S['CheckOut'], 'review'> & { review: Review | null }
export type Cadence = S['CommitmentIn']['cadence']
export type CommitmentStatus = S['CommitmentStatusIn']['status']
export type Outcome = S['CheckIn']['outcome']
export type Verdict = S['ReviewIn']['verdict']
/** A reported check still waiting for the hurt partner's review, with its commitment's title. */
export type AwaitingReview = Check & { commitment_title: string; cadence: string }
export type Commitment = Omit<S['CommitmentOut'], 'current_check'> & { current_check: Check | null }
export type CommitmentDetail = Omit<S['CommitmentDetailOut'], 'current_check' | 'checks'> & {
  current_check: Check | null
  checks: Check[]
}
export type StatusChange = S['StatusChangeOut']

export type Checkin = S['CheckinOut']
/** Fields with server defaults are optional to send. */
export type CheckinInput = Partial<S['CheckinIn']>
export type TrendPoint = S['PointOut']
export type Attunement = S['AttunementOut']
export type Trend = S['TrendOut']
export type Bucket = Trend['bucket']

export type ConsentCategory = 'checkins' | 'checkin_notes' | 'disclosures' | 'commitments' | 'measures'
export type ConsentGiven = S['GivenOut']
export type ConsentReceived = S['ReceivedOut']
export type ConsentChange = S['ChangeOut']
export type Consents = S['ConsentsOut']
export type AccessLogEntry = S['AccessLogEntryOut']
export type Verification = S['VerificationOut']
export type TherapistNote = S['TherapistNoteOut']

/** A page of a newest-first list: pass next_before as ?before= to get the next page. */
export interface Page<T> {
  items: T[]
  next_before: number | null
}

/** Nullable nested objects come out of the generator as `{} | null | T`; this narrows them to `T | null`. */
type Nullable<T> = T | null

export type CaseloadFeltSafety = Omit<S['FeltSafetyOut'], 'latest'> & { latest: Nullable<S['LatestFeltSafetyOut']> }
export type CaseloadCommitments = Omit<S['CommitmentFiguresOut'], 'reliability_lowest'> & {
  reliability_lowest: Nullable<S['LowestCommitmentOut']>
}
export type CaseloadAlert = S['AlertOut']
export type CoupleContext = S['CoupleContextOut']
export type DisclosureDay = S['DisclosureDayOut']
export type StoppedSharing = S['StoppedSharingOut']
export type CaseloadMeasure = Omit<S['CaseloadMeasureOut'], 'last_change' | 'schedule'> & {
  last_change: Nullable<MeasureChange>
  schedule: Nullable<MeasureAdherence>
}
export type CaseloadItem = Omit<S['CaseloadItemOut'], 'felt_safety' | 'commitments' | 'measures'> & {
  felt_safety: Nullable<CaseloadFeltSafety>
  commitments: Nullable<CaseloadCommitments>
  measures: CaseloadMeasure[]
}
export interface Caseload {
  items: CaseloadItem[]
}
export type LoginSession = S['SessionOut']

export type Instrument = Omit<S['InstrumentOut'], 'reliability'> & { reliability: Nullable<S['MeasureReliabilityOut']> }
export type MeasureChange = S['MeasureChangeOut']
export type MeasureAdherence = S['MeasureAdherenceOut']
export type MeasurePoint = S['MeasurePointOut']
export type MeasureSeries = Omit<S['MeasureSeriesOut'], 'last_change' | 'schedule'> & {
  last_change: Nullable<MeasureChange>
  schedule: Nullable<MeasureAdherence>
}
export interface Measures {
  series: MeasureSeries[]
  due: string[]
}
export type MeasureSupport = S['MeasureSupportOut']
export type MeasureResponse = Omit<S['MeasureResponseOut'], 'support'> & { support?: Nullable<MeasureSupport> }
