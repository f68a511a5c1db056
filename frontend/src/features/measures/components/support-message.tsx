import type { MeasureSupport } from '../../../lib/types'

/** Gentle words and resources for the person who answered; no one else is told. */
export function SupportMessage({ support }: { support: MeasureSupport }) {
  return (
    <section className="support-message" aria-labelledby="support-heading">
      <h4 id="support-heading">{support.heading}</h4>
      <p>{support.message}</p>
      <ul>
        {support.resources.map((resource) => (
          <li key={resource.name}>
            {resource.url ? (
              <a href={resource.url} target="_blank" rel="noreferrer noopener">
                {resource.name}
              </a>
            ) : (
              resource.name
            )}
          </li>
        ))}
      </ul>
      <p className="small muted">This message is for you alone: your partner is not told.</p>
    </section>
  )
}
