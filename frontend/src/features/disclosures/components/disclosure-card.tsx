import { Link } from 'wouter'
import { disclosureCategoryLabel } from '../../../config/words'
import { dateTime, longDay } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import type { Disclosure } from '../../../lib/types'
import { count } from '../../../lib/plural'
import { HeldCard } from './held-card'

const EXCERPT = 280

function excerpt(text: string): string {
  return text.length <= EXCERPT ? text : `${text.slice(0, EXCERPT).trimEnd()}…`
}

/** One disclosure in a list: what it is about, when, and whether it has been amended or answered. */
export function DisclosureCard({
  disclosure,
  timeZone,
  headingLevel = 3,
  children,
}: {
  disclosure: Disclosure
  timeZone: string
  headingLevel?: 2 | 3
  children?: React.ReactNode
}) {
  const { basePath, space } = useSpaceContext()
  if (disclosure.held) return <HeldCard spaceId={space.id} disclosure={disclosure} timeZone={timeZone} />
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="disclosure-card">
      <Heading className="disclosure-card__title">
        <Link href={`${basePath}/record/${disclosure.id}`}>{disclosure.title}</Link>
      </Heading>
      <p className="disclosure-card__meta">
        <span className="tag tag--muted">{disclosureCategoryLabel(disclosure.category ?? 'other')}</span>{' '}
        <span className="muted">
          Written {dateTime(disclosure.created_at, timeZone)}
          {disclosure.occurred_on ? ` · happened ${longDay(disclosure.occurred_on)}` : ''}
        </span>
      </p>
      <p className="disclosure-card__body">{excerpt(disclosure.body ?? '')}</p>
      <p className="disclosure-card__meta">
        {disclosure.revision_count > 1 ? (
          <span className="tag tag--warn">Amended {disclosure.revision_count - 1}×</span>
        ) : null}{' '}
        {disclosure.response_count > 0 ? (
          <span className="tag tag--muted">
            {count(disclosure.response_count, 'reply')}
          </span>
        ) : null}{' '}
        {disclosure.acknowledged_at ? (
          <span className="tag">Taken in</span>
        ) : disclosure.revision_count > 1 ? (
          <span className="tag tag--warn">New words since it was amended</span>
        ) : null}
      </p>
      {children}
    </article>
  )
}
