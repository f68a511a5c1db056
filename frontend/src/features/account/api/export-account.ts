import { useMutation } from '@tanstack/react-query'
import { apiUrl, ProblemError } from '../../../lib/api-client'

/** GET /account/export: everything I wrote or can see, as a JSON file, saved through the browser's download. */
export async function exportAccount(): Promise<string> {
  let response: Response
  try {
    response = await fetch(apiUrl('/account/export'), { credentials: 'same-origin', cache: 'no-store' })
  } catch {
    throw new ProblemError({ status: 0 })
  }
  if (!response.ok) {
    let detail: string | undefined
    try {
      detail = ((await response.json()) as { detail?: string }).detail
    } catch {
      detail = undefined
    }
    throw new ProblemError({ status: response.status, detail })
  }
  const blob = await response.blob()
  const name = filenameFrom(response.headers.get('Content-Disposition')) ?? 'mend-export.json'
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

export function filenameFrom(disposition: string | null): string | null {
  const match = disposition?.match(/filename="?([^";]+)"?/i)
  return match ? match[1] : null
}

export function useExportAccount() {
  return useMutation({ mutationFn: exportAccount })
}
