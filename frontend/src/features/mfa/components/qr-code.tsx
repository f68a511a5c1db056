import { useMemo } from 'react'
import { encode } from 'uqr'

/** A QR code drawn in this page from text (no image leaves the device or comes from elsewhere). */
export function QrCode({ value, label, size = 192 }: { value: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const { data } = encode(value, { ecc: 'M', border: 2 })
    const parts: string[] = []
    data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) parts.push(`M${x} ${y}h1v1h-1z`)
      }),
    )
    return { d: parts.join(''), cells: data.length }
  }, [value])
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.cells} ${path.cells}`}
      shapeRendering="crispEdges"
      className="qr-code"
    >
      <rect width={path.cells} height={path.cells} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  )
}
