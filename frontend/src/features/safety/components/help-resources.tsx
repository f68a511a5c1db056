import { SAFETY_RESOURCES } from '../../../config/words'

/** Where to find help outside Mend. */
export function HelpResources() {
  return (
    <ul className="resource-list">
      {SAFETY_RESOURCES.map((resource) => (
        <li key={resource.name} className="resource">
          <h3 className="resource__name">{resource.name}</h3>
          <p>{resource.detail}</p>
        </li>
      ))}
    </ul>
  )
}
