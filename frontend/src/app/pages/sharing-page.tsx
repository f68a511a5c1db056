import { Page, Section } from '../../components/page'
import { AccessLog } from '../../features/consent/components/access-log'
import { ConsentHistory } from '../../features/consent/components/consent-history'
import { SharedWithMe } from '../../features/consent/components/shared-with-me'
import { SharingSettings } from '../../features/consent/components/sharing-settings'
import { StopAllSharing } from '../../features/consent/components/stop-all-sharing'

/** At a glance: exactly what I share with whom, and what is shared with me. */
export default function SharingPage() {
  return (
    <Page
      title="Sharing and privacy"
      intro={
        <p>
          You decide who sees what of yours. Changes work at once, for the next thing anyone opens. A therapist sees
          nothing of yours until you share it with them.
        </p>
      }
    >
      <Section title="What you share, and with whom" id="grid">
        <SharingSettings />
      </Section>
      <div className="two-col">
        <Section title="Shared with you" id="received">
          <SharedWithMe />
        </Section>
        <Section title="Stop all sharing" id="stop-all">
          <StopAllSharing />
        </Section>
      </div>
      <Section title="Who has read your data" id="access-log">
        <p className="muted">
          Every time a therapist reads something of yours, it is listed here. Mend doesn’t log when your partner looks at
          things: there are no read receipts between you.
        </p>
        <AccessLog />
      </Section>
      <Section title="Every change to sharing" id="history">
        <ConsentHistory />
      </Section>
    </Page>
  )
}
