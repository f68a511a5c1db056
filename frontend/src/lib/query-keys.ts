/**
 * Query keys shared across the app. Everything about one space starts with
 * ['spaces', id], so a write can refresh "everything in this space" at once,
 * and each domain owns the next part.
 */
export const keys = {
  me: ['me'] as const,
  sessions: ['sessions'] as const,
  spaces: ['spaces'] as const,
  space: (spaceId: number) => ['spaces', spaceId] as const,
  inSpace: (spaceId: number, domain: string, ...rest: unknown[]) =>
    ['spaces', spaceId, domain, ...rest] as const,
  caseload: ['therapist', 'caseload'] as const,
}
