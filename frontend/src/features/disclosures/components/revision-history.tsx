import { dateTime } from '../../../lib/dates'
import type { Revision } from '../../../lib/types'
import { wordDiff, type Piece } from '../word-diff'

function Marked({ pieces }: { pieces: Piece[] }) {
  return (
    <>
      {pieces.map((piece, index) =>
        piece.kind === 'removed' ? (
          <del key={index} className="diff diff--removed">
            {piece.text}
          </del>
        ) : piece.kind === 'added' ? (
          <ins key={index} className="diff diff--added">
            {piece.text}
          </ins>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  )
}

/** Each amendment openly: the words before and after, side by side, with the reason given. */
export function RevisionHistory({ revisions, timeZone }: { revisions: Revision[]; timeZone: string }) {
  const ordered = [...revisions].sort((a, b) => a.number - b.number)
  if (ordered.length < 2) {
    return <p className="muted">This disclosure has not been amended. It reads as first written.</p>
  }
  const pairs = ordered
    .slice(1)
    .map((after, i) => ({ before: ordered[i], after, body: wordDiff(ordered[i].body, after.body) }))
    .reverse()
  return (
    <ol className="revisions">
      {pairs.map(({ before, after, body }) => (
        <li key={after.number} className="revision">
          <h3 className="revision__title">
            Amendment {after.number - 1}, {dateTime(after.created_at, timeZone)}
          </h3>
          <p className="muted small">Words taken out are struck through on the left; words added are underlined on the right.</p>
          {before.acknowledged_at ? (
            <p className="muted small">
              The words before this amendment were taken in on {dateTime(before.acknowledged_at, timeZone)}.
            </p>
          ) : null}
          <p className="revision__reason">
            <strong>Reason given: </strong>
            {after.reason ?? '—'}
          </p>
          <div className="revision__compare">
            <section className="revision__side revision__side--before" aria-label={`Before amendment ${after.number - 1}`}>
              <h4 className="revision__label">Before</h4>
              <p className="revision__heading">{before.title}</p>
              <p className="revision__text">
                <Marked pieces={body.before} />
              </p>
            </section>
            <section className="revision__side revision__side--after" aria-label={`After amendment ${after.number - 1}`}>
              <h4 className="revision__label">After</h4>
              <p className="revision__heading">{after.title}</p>
              <p className="revision__text">
                <Marked pieces={body.after} />
              </p>
            </section>
          </div>
        </li>
      ))}
    </ol>
  )
}
