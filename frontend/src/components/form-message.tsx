import type { ReactNode } from 'react'

/** A message about the whole form; announced as soon as it appears. */
export function FormError({ children }: { children?: ReactNode }) {
  if (!children) return null
  return (
    <div className="notice notice--error" role="alert">
      {children}
    </div>
  )
}

/** A quiet confirmation that something was saved; read out politely. */
export function FormSuccess({ children }: { children?: ReactNode }) {
  return (
    <div className="form-success" role="status" aria-live="polite">
      {children ? <p className="notice notice--ok">{children}</p> : null}
    </div>
  )
}
