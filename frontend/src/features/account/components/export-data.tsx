import { FormError } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import { useExportAccount } from '../api/export-account'

/** Download everything I wrote or can see, as one file. */
export function ExportData({ therapist = false }: { therapist?: boolean }) {
  const mutation = useExportAccount()
  return (
    <div className="stack">
      <p>
        {therapist
          ? 'Download your private notes and everything couples share with you, as one file (JSON). Keep it as carefully as any clinical record.'
          : 'Download everything you wrote, and everything shared with you, as one file (JSON). It’s yours to keep, whatever happens to the relationship.'}
      </p>
      <p className="muted small">
        The file is saved in this device’s downloads. If someone else can use this device, move it somewhere only you can
        reach.
      </p>
      <button type="button" className="btn btn--secondary" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {mutation.isPending ? 'Preparing your file…' : 'Export my data'}
      </button>
      <FormError>{mutation.error ? errorMessage(mutation.error) : undefined}</FormError>
      <p role="status" aria-live="polite">
        {mutation.isSuccess ? `Your file “${mutation.data}” is downloading.` : ''}
      </p>
    </div>
  )
}
