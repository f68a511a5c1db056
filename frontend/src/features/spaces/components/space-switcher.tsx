import { useId } from 'react'
import type { Space } from '../../../lib/types'

/** A choice between the spaces a partner belongs to (shown only with more than one). */
export function SpaceSwitcher({
  spaces,
  currentId,
  onSelect,
}: {
  spaces: Space[]
  currentId: number
  onSelect: (spaceId: number) => void
}) {
  const id = useId()
  if (spaces.length < 2) return null
  return (
    <div className="space-switcher">
      <label htmlFor={id}>Space you are looking at</label>{' '}
      <select id={id} value={currentId} onChange={(event) => onSelect(Number(event.target.value))}>
        {spaces.map((space) => (
          <option key={space.id} value={space.id}>
            {space.name}
          </option>
        ))}
      </select>
    </div>
  )
}
