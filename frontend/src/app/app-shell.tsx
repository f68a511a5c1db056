import type { ReactNode } from 'react'
import { useLocation } from 'wouter'
import { QuickExitButton } from '../components/quick-exit-button'
import { useLogout } from '../features/auth/api/logout'
import type { SpaceRole, User } from '../lib/types'
import { NavLink } from './nav-link'

const PARTNER_NAV = [
  { href: '/', label: 'Home', exact: true },
  { href: '/record', label: 'Record' },
  { href: '/commitments', label: 'Commitments' },
  { href: '/sharing', label: 'Sharing' },
  { href: '/people', label: 'People' },
  { href: '/account', label: 'Account' },
]

const THERAPIST_NAV = [
  { href: '/', label: 'Caseload', exact: true },
  { href: '/join', label: 'Join a couple' },
  { href: '/account', label: 'Account' },
]

const SETUP_NAV = [
  { href: '/', label: 'Get started', exact: true },
  { href: '/account', label: 'Account' },
]

function navFor(user: User | null, role: SpaceRole | null) {
  if (!user) return []
  if (user.account_type === 'therapist') return THERAPIST_NAV
  return role ? PARTNER_NAV : SETUP_NAV
}

/** The frame of every page: quick exit first, a skip link, navigation, the page, and help. */
export function AppShell({ user, role, children }: { user: User | null; role: SpaceRole | null; children: ReactNode }) {
  const nav = navFor(user, role)
  const logout = useLogout()
  const [, navigate] = useLocation()
  return (
    <div className="app">
      <header className="topbar">
        <QuickExitButton />
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <div className="topbar__row">
          <p className="brand">
            <span className="brand__mark" aria-hidden="true" />
            Mend
          </p>
          {user ? (
            <button
              type="button"
              className="btn btn--link topbar__logout"
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
              disabled={logout.isPending}
            >
              Log out
            </button>
          ) : null}
        </div>
        {nav.length > 0 ? (
          <nav aria-label="Main" className="nav">
            <ul className="nav__list">
              {nav.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href} exact={item.exact}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {user && !user.email_verified ? <ConfirmAddressNote /> : null}
        {children}
      </main>
      <footer className="footer">
        <p>
          Press <kbd>Esc</kbd> twice to leave quickly. <NavLink href="/help">Safety and help</NavLink>
        </p>
      </footer>
    </div>
  )
}

/** An unverified account works fully; this only asks, gently, for the address to be confirmed. */
function ConfirmAddressNote() {
  return (
    <p className="notice" role="note">
      Please confirm your email address with the link we sent, so you can always get back into your account. Can’t
      find it? A <NavLink href="/forgot-password">new-password link</NavLink> confirms it too.
    </p>
  )
}
