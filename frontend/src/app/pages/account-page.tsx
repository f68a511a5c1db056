import { Link, useLocation } from 'wouter'
import { Page, Section } from '../../components/page'
import { ChangeEmail } from '../../features/account/components/change-email'
import { ChangePassword } from '../../features/account/components/change-password'
import { DeleteAccount } from '../../features/account/components/delete-account'
import { ExportData } from '../../features/account/components/export-data'
import { SecuritySettings } from '../../features/mfa/components/security-settings'
import { SessionsList } from '../../features/account/components/sessions-list'
import { PushSettings } from '../../features/account/components/push-settings'
import { ReminderSettings } from '../../features/account/components/reminder-settings'
import { LeaveSpace } from '../../features/spaces/components/leave-space'
import { setFlash } from '../../lib/flash'
import { useMe } from '../../lib/session'
import { useOptionalSpaceContext } from '../../lib/space'

/** Your account: your password, where you're signed in, your data to take, leaving the space, deleting the account. */
export default function AccountPage() {
  const me = useMe().data
  const space = useOptionalSpaceContext()
  const [, navigate] = useLocation()
  if (!me) return null
  const therapist = me.account_type === 'therapist'
  return (
    <Page title="Your account">
      <Section title="About you" id="about">
        <dl className="facts">
          <dt>Name</dt>
          <dd>{me.display_name}</dd>
          <dt>Email</dt>
          <dd>
            {me.email}
            {me.email_verified ? null : (
              <span className="muted">
                {' '}
                (not confirmed yet: please open the link we sent to it, or ask for a{' '}
                <Link href="/forgot-password">new-password link</Link>, which confirms it too)
              </span>
            )}
          </dd>
          <dt>Account</dt>
          <dd>{me.account_type === 'therapist' ? 'Therapist' : 'Partner'}</dd>
          <dt>Time zone</dt>
          <dd>{me.timezone}</dd>
        </dl>
      </Section>
      <Section title="Reminders" id="reminders">
        <ReminderSettings canReport={space?.myRole === 'repairing'} therapist={therapist} />
      </Section>
      <Section title="Notifications on this device" id="notifications">
        <PushSettings />
      </Section>
      <Section title="Change your password" id="password">
        <ChangePassword />
      </Section>
      <SecuritySettings />
      <Section title="Change your email" id="email">
        <ChangeEmail />
      </Section>
      <Section title="Where you’re signed in" id="sessions">
        <SessionsList timeZone={me.timezone} />
      </Section>
      <Section title="Export my data" id="export">
        <ExportData therapist={therapist} />
      </Section>
      {space && space.myRole !== 'therapist' ? (
        <Section title="Leave the space" id="leave">
          <LeaveSpace onLeft={() => navigate('/')} />
        </Section>
      ) : null}
      <Section title="Delete my account" id="delete">
        <DeleteAccount
          therapist={therapist}
          onDeleted={() => {
            setFlash('Your account has been deleted. Take care of yourself.')
            navigate('/login')
          }}
        />
      </Section>
    </Page>
  )
}
