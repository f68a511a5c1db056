/**
 * Which of their spaces a partner is working in, remembered on this device.
 * Most partners have one space; someone in more than one can switch.
 */
import { useCallback, useState } from 'react'

const STORAGE_KEY = 'mend.selectedSpace'

function stored(): number | null {
  try {
    const value = Number(window.localStorage.getItem(STORAGE_KEY))
    return Number.isInteger(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

export function useSelectedSpace(): [number | null, (spaceId: number) => void] {
  const [selected, setSelected] = useState<number | null>(stored)
  const select = useCallback((spaceId: number) => {
    setSelected(spaceId)
    try {
      window.localStorage.setItem(STORAGE_KEY, String(spaceId))
    } catch {
      // Private browsing may refuse storage: the choice then lasts until reload.
    }
  }, [])
  return [selected, select]
}
