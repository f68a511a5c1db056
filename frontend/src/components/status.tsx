import type { ReactNode } from 'react'
import { errorMessage } from '../lib/api-client'

/** Shown while something loads; screen readers hear the label once. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="loading__dot" aria-hidden="true" />
      {label}
    </p>
  )
}

/** When there is nothing to show yet: a calm sentence, and perhaps what to do. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children ? <div className="empty__body">{children}</div> : null}
    </div>
  )
}

/** When loading failed: what happened in plain words, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  )
}

interface QueryLike<T> {
  data: T | undefined
  error: unknown
  isPending: boolean
  refetch: () => unknown
}

/** Render a query's data, or its loading and error states. */
export function QueryState<T>({
  query,
  loading,
  children,
}: {
  query: QueryLike<T>
  loading?: string
  children: (data: T) => ReactNode
}) {
  if (query.isPending) return <Loading label={loading} />
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  return <>{children(query.data)}</>
}
