import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * A page's heading and body. The heading takes focus when the page opens, so
 * keyboard and screen-reader users start at the top of what changed.
 */
export function Page({
  title,
  intro,
  actions,
  children,
}: {
  title: string
  intro?: ReactNode
  actions?: ReactNode
  children: ReactNode
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} · Mend`
    heading.current?.focus({ preventScroll: false })
  }, [title])
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 ref={heading} tabIndex={-1} className="page__title">
            {title}
          </h1>
          {intro ? <div className="page__intro">{intro}</div> : null}
        </div>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </header>
      {children}
    </div>
  )
}

/** A titled section of a page. */
export function Section({
  title,
  id,
  children,
  className,
}: {
  title: string
  id?: string
  children: ReactNode
  className?: string
}) {
  const generated = useId()
  const headingId = id ? `${id}-title` : generated
  return (
    <section className={`card ${className ?? ''}`.trim()} aria-labelledby={headingId} id={id}>
      <h2 id={headingId} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  )
}
