import { Link } from 'wouter'
import { Page } from '../../components/page'
import { HelpResources } from '../../features/safety/components/help-resources'
import { SafetyNote } from '../../features/safety/components/safety-note'

/** The first-run safety note, shown straight after creating an account (and any time from Help). */
export function WelcomePage() {
  return (
    <Page title="Before you begin" intro={<p>A few words about staying safe while you use Mend.</p>}>
      <div className="card narrow">
        <SafetyNote />
        <h2>Where to find help</h2>
        <HelpResources />
        <p>
          <Link href="/" className="btn">
            I’ve read this — continue
          </Link>
        </p>
      </div>
    </Page>
  )
}
