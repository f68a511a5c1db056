import { useState } from 'react'
import { Link } from 'wouter'
import { Section } from '../../../components/page'
import { ErrorState, Loading } from '../../../components/status'
import { disclosureCategoryLabel } from '../../../config/words'
import { ProblemError } from '../../../lib/api-client'
import { dateTime, longDay } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import { useDisclosure } from '../api/get-disclosure'
import { AcknowledgeButton } from './acknowledge-button'
import { HeldCard } from './held-card'
import { ReviseForm } from './revise-form'
import { RevisionHistory } from './revision-history'
import { Thread } from './thread'
import './disclosures.css'

/** One disclosure in full: the words as they read now, every amendment, and the thread. */
export function DisclosureDetailView({ id }: { id: number }) {
  const { space, me, myRole, nameOf, partner, basePath } = useSpaceContext()
  const query = useDisclosure(space.id, id)
  const [revising, setRevising] = useState(false)
  if (query.isPending) return <Loading label="Loading the disclosure…" />
  if (query.error) {
    if (query.error instanceof ProblemError && query.error.status === 404) {
      return (
        <p>
          We couldn’t find that disclosure. It may not be shared with you. <Link href={basePath || '/record'}>Go back</Link>
        </p>
      )
    }
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  }
  const disclosure = query.data
  const isAuthor = disclosure.author_id === me.id
  if (disclosure.held) return <HeldCard spaceId={space.id} disclosure={disclosure} timeZone={me.timezone} />
  return (
    <div className="stack">
      <article className="card disclosure-full" aria-labelledby="disclosure-title">
        <h2 id="disclosure-title">{disclosure.title}</h2>
        <p className="disclosure-card__meta">
          <span className="tag tag--muted">{disclosureCategoryLabel(disclosure.category ?? 'other')}</span>{' '}
          <span className="muted">
            {nameOf(disclosure.author_id)} wrote this {dateTime(disclosure.created_at, me.timezone)}
            {disclosure.occurred_on ? ` · happened ${longDay(disclosure.occurred_on)}` : ''}
            {disclosure.revision_count > 1 ? ` · amended ${disclosure.revision_count - 1}×, last ${dateTime(disclosure.updated_at, me.timezone)}` : ''}
          </span>
        </p>
        <p className="disclosure-full__body">{disclosure.body}</p>
        {myRole === 'hurt' ? <AcknowledgeButton spaceId={space.id} disclosure={disclosure} timeZone={me.timezone} /> : null}
        {isAuthor && disclosure.acknowledged_at ? (
          <p className="muted small">{partner?.display_name ?? 'Your partner'} said they have taken this in.</p>
        ) : null}
        {isAuthor && myRole === 'repairing' && !revising ? (
          <button type="button" className="btn btn--secondary" onClick={() => setRevising(true)}>
            Amend this disclosure…
          </button>
        ) : null}
        {revising ? (
          <ReviseForm
            spaceId={space.id}
            disclosure={disclosure}
            partnerName={partner?.display_name ?? 'Your partner'}
            onDone={() => setRevising(false)}
          />
        ) : null}
      </article>
      <Section title="Replies" id="thread">
        <Thread disclosure={disclosure} />
      </Section>
      <Section title="History of this disclosure" id="history">
        <RevisionHistory revisions={disclosure.revisions} timeZone={me.timezone} />
      </Section>
    </div>
  )
}
