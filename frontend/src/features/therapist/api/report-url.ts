import { apiUrl } from '../../../lib/api-client'

/** GET /spaces/{sid}/report: a session-prep report as a printable page (html) or a CSV download. */
export function reportUrl(spaceId: number, format: 'html' | 'csv', from?: string, to?: string): string {
  return apiUrl(`/spaces/${spaceId}/report`, { format, from, to })
}

/** The printable report from the day of the therapist's newest note for the couple (their last session). */
export function sinceLastSessionUrl(spaceId: number): string {
  return apiUrl(`/spaces/${spaceId}/report`, { format: 'html', since: 'last-session' })
}
