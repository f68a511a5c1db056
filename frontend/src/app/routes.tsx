import { lazy, Suspense, useState } from 'react'
import { Redirect, Route, Switch } from 'wouter'
import { ErrorState, Loading } from '../components/status'
import { hasFactor, useMfaStatus } from '../features/mfa/api/mfa-status'
import { useSpaces } from '../features/spaces/api/get-spaces'
import { SpaceSwitcher } from '../features/spaces/components/space-switcher'
import { myRoleIn } from '../lib/space'
import { useSelectedSpace } from '../lib/selected-space'
import { SpaceProvider } from '../lib/space-context'
import { useMe } from '../lib/session'
import type { Space, User } from '../lib/types'
import { AppShell } from './app-shell'
import { CheckInboxPage } from './pages/check-inbox-page'
import { ConfirmEmailPage } from './pages/confirm-email-page'
import { ForgotPasswordPage } from './pages/forgot-password-page'
import { HelpPage } from './pages/help-page'
import { HurtHomePage } from './pages/hurt-home-page'
import { LoginPage } from './pages/login-page'
import { NotFoundPage } from './pages/not-found-page'
import { OnboardingPage } from './pages/onboarding-page'
import { RegisterPage } from './pages/register-page'
import { RepairingHomePage } from './pages/repairing-home-page'
import { ResetPasswordPage } from './pages/reset-password-page'
import { VerifyPage } from './pages/verify-page'
import { WelcomePage } from './pages/welcome-page'

// Pages most people open less often load on demand, keeping the first download small.
const AccountPage = lazy(() => import('./pages/account-page'))
const PeoplePage = lazy(() => import('./pages/people-page'))
const RecordPage = lazy(() => import('./pages/record-page'))
const DisclosurePage = lazy(() => import('./pages/disclosure-page'))
const CommitmentsPage = lazy(() => import('./pages/commitments-page'))
const CommitmentPage = lazy(() => import('./pages/commitment-page'))
const ReviewsPage = lazy(() => import('./pages/reviews-page'))
const SharingPage = lazy(() => import('./pages/sharing-page'))
const CaseloadPage = lazy(() => import('./pages/caseload-page'))
const CouplePage = lazy(() => import('./pages/couple-page'))
const JoinPage = lazy(() => import('./pages/join-page'))
const MfaSetupPage = lazy(() => import('./pages/mfa-setup-page'))

/** Pages that mailed links open (and asking for one), whether or not someone is logged in here. */
const MAIL_LINK_ROUTES = [
  <Route key="verify" path="/verify" component={VerifyPage} />,
  <Route key="reset" path="/reset-password" component={ResetPasswordPage} />,
  <Route key="confirm" path="/confirm-email" component={ConfirmEmailPage} />,
  <Route key="forgot" path="/forgot-password" component={ForgotPasswordPage} />,
]

function Lazy({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>
}

export function AppRoutes() {
  const me = useMe()
  if (me.isPending) {
    return (
      <AppShell user={null} role={null}>
        <Loading label="Opening Mend…" />
      </AppShell>
    )
  }
  if (me.error) {
    return (
      <AppShell user={null} role={null}>
        <ErrorState error={me.error} onRetry={() => me.refetch()} />
      </AppShell>
    )
  }
  if (!me.data) return <PublicRoutes />
  if (me.data.account_type === 'therapist') return <TherapistRoutes me={me.data} />
  return <PartnerRoutes me={me.data} />
}

function PublicRoutes() {
  return (
    <AppShell user={null} role={null}>
      <Switch>
        <Route path="/login" component={LoginPage} />
        <Route path="/register" component={RegisterPage} />
        <Route path="/check-inbox" component={CheckInboxPage} />
        {MAIL_LINK_ROUTES}
        <Route path="/help" component={HelpPage} />
        {/* Right after registering, the safety note is the first page (also readable before). */}
        <Route path="/welcome" component={WelcomePage} />
        <Route>
          <Redirect to="/login" replace />
        </Route>
      </Switch>
    </AppShell>
  )
}

/** Inside a Switch: send path to another page (e.g. /login once logged in). */
function RedirectRoute({ to }: { path: string; to: string }) {
  return <Redirect to={to} replace />
}

function activeSpaces(spaces: Space[], me: User): Space[] {
  return spaces.filter((space) => myRoleIn(space, me.id) !== null)
}

function PartnerRoutes({ me }: { me: User }) {
  const spaces = useSpaces()
  const mine = activeSpaces(spaces.data ?? [], me)
  const [selected, select] = useSelectedSpace()
  const space = mine.find((candidate) => candidate.id === selected) ?? mine[0]
  const role = space ? myRoleIn(space, me.id) : null
  // One AppShell for every state, so the header (and focus in it) survives the spaces loading.
  return (
    <AppShell user={me} role={role}>
      {spaces.isPending ? (
        <Loading label="Opening your space…" />
      ) : spaces.error && !space ? (
        <ErrorState error={spaces.error} onRetry={() => spaces.refetch()} />
      ) : !space ? (
        <Switch>
          <RedirectRoute path="/login" to="/" />
          <RedirectRoute path="/register" to="/" />
          {MAIL_LINK_ROUTES}
          <Route path="/welcome" component={WelcomePage} />
          <Route path="/help" component={HelpPage} />
          <Route path="/account">
            <Lazy>
              <AccountPage />
            </Lazy>
          </Route>
          <Route path="/" component={OnboardingPage} />
          <Route>
            <Redirect to="/" replace />
          </Route>
        </Switch>
      ) : (
        <SpaceProvider key={space.id} space={space} me={me}>
          <SpaceSwitcher spaces={mine} currentId={space.id} onSelect={select} />
          <Lazy>
            <Switch>
              <RedirectRoute path="/login" to="/" />
              <RedirectRoute path="/register" to="/" />
              {MAIL_LINK_ROUTES}
              <Route path="/">{role === 'hurt' ? <HurtHomePage /> : <RepairingHomePage />}</Route>
              <Route path="/welcome" component={WelcomePage} />
              <Route path="/help" component={HelpPage} />
              <Route path="/record" component={RecordPage} />
              <Route path="/record/:id">{(params) => <DisclosurePage id={Number(params.id)} />}</Route>
              <Route path="/commitments" component={CommitmentsPage} />
              <Route path="/commitments/:id">{(params) => <CommitmentPage id={Number(params.id)} />}</Route>
              <Route path="/reviews" component={ReviewsPage} />
              <Route path="/sharing" component={SharingPage} />
              <Route path="/people" component={PeoplePage} />
              <Route path="/account" component={AccountPage} />
              <Route component={NotFoundPage} />
            </Switch>
          </Lazy>
        </SpaceProvider>
      )}
    </AppShell>
  )
}

function TherapistRoutes({ me }: { me: User }) {
  const mfa = useMfaStatus()
  // With the therapist rule on, nothing a couple shares opens before a second factor is set up.
  const mustSetUp = mfa.data?.required === true && !hasFactor(mfa.data)
  // Stays up after the factor is added, so the recovery codes can be read, until they go on.
  const [settingUp, setSettingUp] = useState(false)
  if (mustSetUp && !settingUp) setSettingUp(true)
  return (
    <AppShell user={me} role="therapist">
      <Lazy>
        {mfa.isPending ? (
          <Loading />
        ) : mustSetUp || settingUp ? (
          <Switch>
            {MAIL_LINK_ROUTES}
            <Route path="/welcome" component={WelcomePage} />
            <Route path="/help" component={HelpPage} />
            <Route path="/account" component={AccountPage} />
            <Route>
              <MfaSetupPage onContinue={() => setSettingUp(false)} />
            </Route>
          </Switch>
        ) : (
          <Switch>
            <RedirectRoute path="/login" to="/" />
            <RedirectRoute path="/register" to="/" />
            {MAIL_LINK_ROUTES}
            <Route path="/" component={CaseloadPage} />
            <Route path="/couples/:sid">
              {(params) => <CouplePage spaceId={Number(params.sid)} me={me} view={{ kind: 'overview' }} />}
            </Route>
            <Route path="/couples/:sid/record/:id">
              {(params) => <CouplePage spaceId={Number(params.sid)} me={me} view={{ kind: 'disclosure', id: Number(params.id) }} />}
            </Route>
            <Route path="/couples/:sid/commitments/:id">
              {(params) => <CouplePage spaceId={Number(params.sid)} me={me} view={{ kind: 'commitment', id: Number(params.id) }} />}
            </Route>
            <Route path="/join" component={JoinPage} />
            <Route path="/welcome" component={WelcomePage} />
            <Route path="/help" component={HelpPage} />
            <Route path="/account" component={AccountPage} />
            <Route component={NotFoundPage} />
          </Switch>
        )}
      </Lazy>
    </AppShell>
  )
}
