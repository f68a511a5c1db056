import { Page } from '../../components/page'
import { HelpResources } from '../../features/safety/components/help-resources'
import { SafetyNote } from '../../features/safety/components/safety-note'

export function HelpPage() {
  return (
    <Page title="Safety and help" intro={<p>Help outside Mend, and how Mend protects you.</p>}>
      <div className="card narrow">
        <h2>Where to find help</h2>
        <HelpResources />
        <SafetyNote />
      </div>
    </Page>
  )
}
